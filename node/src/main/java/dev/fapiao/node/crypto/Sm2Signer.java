package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 signing per GB/T 32918.2 with SM3: signs e = SM3(Z_A || M), where Z_A binds the signer's
 * user ID and public key. Output is the DER {@code SEQUENCE {r, s}} of GM/T 0009.
 *
 * <p>Immutable and thread-safe. BC's {@code SM2Signer} is stateful, so each thread gets its own;
 * reusing it per thread also saves the [d]G multiplication {@code init} does to rebuild Z_A,
 * which would otherwise be a third of the cost of a signature.
 */
public final class Sm2Signer {
    private final Sm2PrivateKey key;
    private final String userId;
    private final byte[] userIdBytes;
    private final SecureRandom random;
    private final ThreadLocal<SM2Signer> perThread = ThreadLocal.withInitial(this::newSigner);

    private Sm2Signer(Sm2PrivateKey key, String userId, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.userIdBytes = Sm2.userIdBytes(userId);
        this.userId = userId;
        this.random = Objects.requireNonNull(random, "random");
    }

    private SM2Signer newSigner() {
        SM2Signer s = new SM2Signer();
        s.init(true, new ParametersWithID(new ParametersWithRandom(key.params(), random), userIdBytes));
        return s;
    }

    /** A signer using the GM/T 0009 default user ID {@value Sm2#DEFAULT_USER_ID}. */
    public static Sm2Signer of(Sm2PrivateKey key) {
        return new Sm2Signer(key, Sm2.DEFAULT_USER_ID, new SecureRandom());
    }

    public Sm2Signer withUserId(String newUserId) {
        return new Sm2Signer(key, newUserId, random);
    }

    /** Fixes the source of k; only for known-answer tests. */
    Sm2Signer withRandom(SecureRandom newRandom) {
        return new Sm2Signer(key, userId, newRandom);
    }

    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    public byte[] sign(byte[] message, int offset, int length) {
        SM2Signer s = perThread.get();
        try {
            s.update(message, offset, length);
            return s.generateSignature(); // also resets s to "Z_A absorbed"
        } catch (CryptoException | RuntimeException e) {
            s.reset();
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** Signs the stream's remaining content; does not close it. */
    public byte[] sign(InputStream message) throws IOException {
        SM2Signer s = perThread.get();
        try {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = message.read(buf)) != -1; ) {
                s.update(buf, 0, n);
            }
            return s.generateSignature();
        } catch (CryptoException e) {
            s.reset();
            throw new IllegalStateException("SM2 signing failed", e);
        } catch (IOException | RuntimeException e) {
            s.reset(); // a half-fed digest must not leak into this thread's next signature
            throw e;
        }
    }

    public Sm2PublicKey publicKey() {
        return key.publicKey();
    }

    public String keyId() {
        return key.keyId();
    }

    public String userId() {
        return userId;
    }
}
