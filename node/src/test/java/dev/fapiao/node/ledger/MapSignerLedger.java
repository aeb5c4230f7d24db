package dev.fapiao.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A signer registry in a map, for unit tests that read keys without a ledger (node and gateway
 * tests share it through the node's test-jar). Writes are not supported.
 */
public class MapSignerLedger implements SignerLedger {

    protected final Map<String, SignerRecord> keys;

    public MapSignerLedger() {
        this(new ConcurrentHashMap<>());
    }

    /** Reads {@code keys} as it changes (the caller may keep adding to it). */
    public MapSignerLedger(Map<String, SignerRecord> keys) {
        this.keys = keys;
    }

    public void put(SignerRecord key) {
        keys.put(key.keyId(), key);
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
