package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.PublicKeyCache;
import dev.fapiao.chaincode.crypto.Sm2PublicKey;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.model.SignerKind;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.KeyValidity;
import dev.fapiao.chaincode.rules.LedgerException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks seals of one transaction: key registered, allowed for the issuer, valid when it signed
 * (issue time for ENTERPRISE keys, transaction time for NODE keys),
 * and the SM2 signature verifies. Signer records are read once per transaction; parsed public keys
 * are shared across transactions through the {@link PublicKeyCache}.
 */
final class SealVerifier {

    private final Tx tx;
    private final SignerRegistry registry;
    private final PublicKeyCache cache;
    private final Map<String, SignerKey> signers = new HashMap<>();

    SealVerifier(Tx tx, SignerRegistry registry, PublicKeyCache cache) {
        this.tx = tx;
        this.registry = registry;
        this.cache = cache;
    }

    /**
     * @param field names the signature in errors, e.g. {@code signatures[0]}
     */
    void verify(String field, String keyId, byte[] signature, String issuer, Instant issueTime, byte[] message) {
        SignerKey key = signers.computeIfAbsent(keyId, id -> registry.find(tx, id));
        if (key == null) {
            throw invalid(field, "key " + keyId + " is not registered");
        }
        if (key.kind() == SignerKind.ENTERPRISE && !key.ownerCode().equals(issuer)) {
            throw invalid(field, "ENTERPRISE key " + keyId + " belongs to " + key.ownerCode()
                    + ", not to the issuer " + issuer);
        }
        // An enterprise signs when it issues the invoice; an archive node seals when it
        // receives it, which may be days later. So ENTERPRISE keys must be valid at the
        // issue time, NODE keys at the time of this transaction.
        boolean node = key.kind() == SignerKind.NODE;
        String problem = KeyValidity.problemAt(key, node ? tx.time() : issueTime);
        if (problem != null) {
            throw invalid(field, problem + (node ? " (transaction time, NODE key)" : " (issueTime)"));
        }
        if (!Sm2Verifier.verify(publicKey(key).parameters(), key.userId(), message, signature)) {
            throw invalid(field, "signature does not verify with key " + keyId);
        }
    }

    /** True when the signature verifies with the key (no validity checks). */
    boolean verifies(SignerKey key, byte[] message, byte[] signature) {
        return Sm2Verifier.verify(publicKey(key).parameters(), key.userId(), message, signature);
    }

    private Sm2PublicKey publicKey(SignerKey key) {
        try {
            return cache.get(key.keyId(), key.publicKey());
        } catch (CryptoFormatException e) {
            throw new IllegalStateException("corrupt signer record " + key.keyId() + ": " + e.getMessage());
        }
    }

    private static LedgerException invalid(String field, String why) {
        return ErrorCode.INVALID_SIGNATURE.error(field + ": " + why);
    }
}
