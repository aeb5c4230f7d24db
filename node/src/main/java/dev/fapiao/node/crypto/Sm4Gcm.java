package dev.fapiao.node.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907) in GCM mode (as in RFC 8998) for documents at rest. Output layout:
 * {@code nonce (12) || ciphertext || tag (16)}. Nonces are random, so one key should protect
 * well under 2^32 messages (NIST SP 800-38D §8.3). Thread-safe.
 */
public final class Sm4Gcm {
    public static final int KEY_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final byte[] key;
    private final SecureRandom random;

    public Sm4Gcm(byte[] key) {
        this(key, new SecureRandom());
    }

    Sm4Gcm(byte[] key, SecureRandom random) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("SM4 key must be 16 bytes");
        }
        this.key = key.clone();
        this.random = Objects.requireNonNull(random);
    }

    public static byte[] generateKey() {
        byte[] k = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** Encrypts under a fresh random nonce; {@code aad} may be null. */
    public byte[] encrypt(byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] body = encrypt(key, nonce, plaintext, aad);
        byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + body.length);
        System.arraycopy(body, 0, out, NONCE_LENGTH, body.length);
        return out;
    }

    /** Reverses {@link #encrypt}; throws if the data, nonce, tag or AAD were altered. */
    public byte[] decrypt(byte[] sealed, byte[] aad) throws AEADBadTagException {
        if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new AEADBadTagException("SM4-GCM input too short");
        }
        byte[] nonce = Arrays.copyOf(sealed, NONCE_LENGTH);
        return process(false, key, nonce, sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH, aad);
    }

    /** Raw GCM with a caller-chosen nonce: returns ciphertext || tag. For known-answer tests. */
    static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            return process(true, key, nonce, plaintext, 0, plaintext.length, aad);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(e); // cannot happen when encrypting
        }
    }

    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad)
            throws AEADBadTagException {
        return process(false, key, nonce, ciphertextAndTag, 0, ciphertextAndTag.length, aad);
    }

    private static byte[] process(boolean encrypt, byte[] key, byte[] nonce, byte[] in, int off, int len,
            byte[] aad) throws AEADBadTagException {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("SM4-GCM nonce must be 12 bytes");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(len)];
        int n = gcm.processBytes(in, off, len, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new AEADBadTagException("SM4-GCM authentication failed");
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
