package dev.fapiao.chaincode;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The chaincode server's settings from the environment: {@code CHAINCODE_ID},
 * {@code CHAINCODE_SERVER_ADDRESS} (host:port) and, for TLS, {@code CHAINCODE_TLS_KEY_FILE} and
 * {@code CHAINCODE_TLS_CERT_FILE}, with {@code CHAINCODE_TLS_CLIENT_CACERT_FILE} for client auth;
 * {@code FAPIAO_CC_STATE_BATCH} ({@code on} by default, {@code off}) for Fabric 3's batched state
 * messages (the peer must be Fabric 3.x: a 2.5 peer ends the stream on them).
 */
record ServerSettings(String chaincodeId, InetSocketAddress address, Path tlsKey, Path tlsCert, Path clientCaCert) {

    static final String ID = "CHAINCODE_ID";
    static final String ADDRESS = "CHAINCODE_SERVER_ADDRESS";
    static final String TLS_KEY = "CHAINCODE_TLS_KEY_FILE";
    static final String TLS_CERT = "CHAINCODE_TLS_CERT_FILE";
    static final String TLS_CLIENT_CA = "CHAINCODE_TLS_CLIENT_CACERT_FILE";
    static final String STATE_BATCH = "FAPIAO_CC_STATE_BATCH";

    boolean tls() {
        return tlsKey != null;
    }

    static ServerSettings fromEnvironment(Map<String, String> env) {
        String id = required(env, ID);
        String address = required(env, ADDRESS);
        Path key = optionalFile(env, TLS_KEY);
        Path cert = optionalFile(env, TLS_CERT);
        Path ca = optionalFile(env, TLS_CLIENT_CA);
        if ((key == null) != (cert == null)) {
            throw new IllegalArgumentException("TLS needs both " + TLS_KEY + " and " + TLS_CERT);
        }
        if (ca != null && key == null) {
            throw new IllegalArgumentException(TLS_CLIENT_CA + " is set but TLS is not (" + TLS_KEY + ", "
                    + TLS_CERT + ")");
        }
        stateBatch(env); // refuse a bad value at start, not at the first transaction
        return new ServerSettings(id, parseAddress(address), key, cert, ca);
    }

    /** {@code FAPIAO_CC_STATE_BATCH}: on (default) or off; anything else is a start-up error. */
    static boolean stateBatch(Map<String, String> env) {
        String v = env.getOrDefault(STATE_BATCH, "on").trim();
        if (!v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException(STATE_BATCH + " must be on or off, got '" + v + "'");
        }
        return v.equals("on");
    }

    static InetSocketAddress parseAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException(ADDRESS + " must be host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ADDRESS + " has a bad port: '" + address + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(ADDRESS + " has a bad port: '" + address + "'");
        }
        return new InetSocketAddress(host, port);
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v.trim();
    }

    private static Path optionalFile(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        Path p = Path.of(v.trim());
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(name + " names an unreadable file: " + p);
        }
        return p;
    }
}
