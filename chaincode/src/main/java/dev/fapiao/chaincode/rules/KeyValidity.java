package dev.fapiao.chaincode.rules;

import dev.fapiao.chaincode.model.SignerKey;
import java.time.Instant;

/** When a signer key may seal: {@code validFrom <= t < validTo}, and not revoked at or before {@code t}. */
public final class KeyValidity {

    private KeyValidity() {
    }

    /** Null when the key is valid at {@code t}, else why not. */
    public static String problemAt(SignerKey key, Instant t) {
        Instant from = Times.stored(key.validFrom());
        Instant to = Times.stored(key.validTo());
        Instant revoked = Times.stored(key.revokedAt());
        if (t.isBefore(from)) {
            return "key " + key.keyId() + " is valid only from " + key.validFrom() + ", not at " + Times.format(t);
        }
        if (to != null && !t.isBefore(to)) {
            return "key " + key.keyId() + " was valid only until " + key.validTo() + ", not at " + Times.format(t);
        }
        if (revoked != null && !t.isBefore(revoked)) {
            return "key " + key.keyId() + " is revoked from " + key.revokedAt() + ", not valid at " + Times.format(t);
        }
        return null;
    }

    public static boolean isValidAt(SignerKey key, Instant t) {
        return problemAt(key, t) == null;
    }
}
