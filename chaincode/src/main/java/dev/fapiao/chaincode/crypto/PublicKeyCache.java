package dev.fapiao.chaincode.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small bounded LRU map from key id to parsed SM2 public key, shared by the transactions of one
 * chaincode process (thread-safe). Key ids are content hashes, so an entry never goes stale.
 */
public final class PublicKeyCache {

    private final Map<String, Sm2PublicKey> entries;

    public PublicKeyCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sm2PublicKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The parsed key for {@code keyId}, parsing {@code pem} on a miss. Fails if the PEM's key id is
     * not {@code keyId} (a corrupt record).
     */
    public Sm2PublicKey get(String keyId, String pem) throws CryptoFormatException {
        synchronized (entries) {
            Sm2PublicKey hit = entries.get(keyId);
            if (hit != null) {
                return hit;
            }
        }
        Sm2PublicKey parsed = Sm2Keys.fromPublicKeyPem(pem);
        if (!parsed.keyId().equals(keyId)) {
            throw new CryptoFormatException("stored public key does not match key id " + keyId);
        }
        synchronized (entries) {
            entries.put(keyId, parsed);
        }
        return parsed;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
