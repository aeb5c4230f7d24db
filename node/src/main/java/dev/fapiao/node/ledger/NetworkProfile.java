package dev.fapiao.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The connection profile {@code scripts/network.sh up} writes to
 * {@code run/network/network.json}: channel, chaincode, each organisation's peer, TLS
 * root and user MSP folders (cryptogen layout). Development and tests build
 * {@link LedgerSettings} from it; production configures them directly.
 */
public final class NetworkProfile {

    private final JsonNode json;

    private NetworkProfile(JsonNode json) {
        this.json = json;
    }

    public static NetworkProfile read(Path file) throws IOException {
        return new NetworkProfile(new ObjectMapper().readTree(file.toFile()));
    }

    public String channel() {
        return json.path("channel").asText();
    }

    public String chaincode() {
        return json.path("chaincode").asText();
    }

    public String peerAddress(String mspId) {
        return org(mspId).path("peer").asText();
    }

    public Path tlsCaCert(String mspId) {
        return Path.of(org(mspId).path("tlsCaCert").asText());
    }

    /** Settings to connect as {@code user} (e.g. "User1", "Admin") of {@code mspId}, through that org's peer. */
    public LedgerSettings settings(String mspId, String user) throws IOException {
        JsonNode dir = org(mspId).path("users").get(user);
        if (dir == null) {
            throw new IllegalArgumentException("no user " + user + " in " + mspId);
        }
        Path msp = Path.of(dir.asText());
        return new LedgerSettings(peerAddress(mspId), tlsCaCert(mspId), mspId,
                onlyFile(msp.resolve("signcerts")), onlyFile(msp.resolve("keystore")),
                channel(), chaincode(), null, null);
    }

    private JsonNode org(String mspId) {
        JsonNode org = json.path("organizations").get(mspId);
        if (org == null) {
            throw new IllegalArgumentException("no organisation " + mspId + " in the network profile");
        }
        return org;
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException("no file in " + dir));
        }
    }
}
