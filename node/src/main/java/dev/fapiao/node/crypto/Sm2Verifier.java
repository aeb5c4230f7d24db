package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 verification (GB/T 32918.2, SM3) of DER signatures. Immutable and thread-safe.
 * The user ID must be the one the signer used (default {@value Sm2#DEFAULT_USER_ID}).
 */
public final class Sm2Verifier {
    private final Sm2PublicKey key;
    private final String userId;
    private final byte[] userIdBytes;

    private Sm2Verifier(Sm2PublicKey key, String userId) {
        this.key = Objects.requireNonNull(key, "key");
        this.userIdBytes = Sm2.userIdBytes(userId);
        this.userId = userId;
    }

    public static Sm2Verifier of(Sm2PublicKey key) {
        return new Sm2Verifier(key, Sm2.DEFAULT_USER_ID);
    }

    public Sm2Verifier withUserId(String newUserId) {
        return new Sm2Verifier(key, newUserId);
    }

    /** True only for a valid, strictly DER-encoded signature; malformed input gives false. */
    public boolean verify(byte[] message, byte[] derSignature) {
        return verify(message, 0, message.length, derSignature);
    }

    public boolean verify(byte[] message, int offset, int length, byte[] derSignature) {
        SM2Signer s = init();
        s.update(message, offset, length);
        return finish(s, derSignature);
    }

    /** Verifies over the stream's remaining content; does not close it. */
    public boolean verify(InputStream message, byte[] derSignature) throws IOException {
        SM2Signer s = init();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = message.read(buf)) != -1; ) {
            s.update(buf, 0, n);
        }
        return finish(s, derSignature);
    }

    private SM2Signer init() {
        SM2Signer s = new SM2Signer();
        s.init(false, new ParametersWithID(key.params(), userIdBytes));
        return s;
    }

    private static boolean finish(SM2Signer s, byte[] sig) {
        if (sig == null) {
            return false;
        }
        try {
            return s.verifySignature(sig);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    public Sm2PublicKey publicKey() {
        return key;
    }

    public String keyId() {
        return key.keyId();
    }

    public String userId() {
        return userId;
    }
}
