package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.ledger.SignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.ledger.SignerRegistration;
import dev.fapiao.node.ledger.SignerRotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A signer registry in a map, for unit tests of signed requests without a ledger (reads only). */
final class TestRegistry implements SignerLedger {

    final Map<String, SignerRecord> keys = new ConcurrentHashMap<>();

    /** An ENTERPRISE key of {@code owner}, valid since 2020, not revoked unless {@code revokedAt} is set. */
    void enterprise(String keyId, String owner, String publicKeyPem, String revokedAt) {
        keys.put(keyId, new SignerRecord(keyId, owner, "ENTERPRISE", null, publicKeyPem, null,
                "2020-01-01T00:00:00Z", null, revokedAt, null));
    }

    @Override
    public Optional<SignerRecord> signer(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<SignerRecord> signersByOwner(String ownerCode) {
        return keys.values().stream().filter(k -> k.ownerCode().equals(ownerCode)).toList();
    }

    @Override
    public SignerRecord registerSigner(SignerRegistration registration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode rotateSigner(SignerRotation rotation) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignerRecord registerSigner(JsonNode request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode rotateSigner(JsonNode request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignerRecord revokeSigner(String keyId, String revokedAt, String reason) {
        throw new UnsupportedOperationException();
    }
}
