package dev.fapiao.node.crypto;

import java.io.IOException;
import java.security.Provider;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Private-key PEM, including password-encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY") as OpenSSL 3
 * writes it: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. Unencrypted forms are also available
 * on {@link Sm2PrivateKey} / {@link Sm2PublicKey} directly.
 */
public final class Sm2Pem {
    /** PBKDF2 iterations when writing (OpenSSL's default is only 2048). */
    public static final int DEFAULT_ITERATIONS = 200_000;

    private final Provider provider;
    private final int iterations;

    public Sm2Pem(Provider provider) {
        this(provider, DEFAULT_ITERATIONS);
    }

    public Sm2Pem(Provider provider, int iterations) {
        this.provider = Objects.requireNonNull(provider, "provider");
        if (iterations < 1000) {
            throw new IllegalArgumentException("too few PBKDF2 iterations: " + iterations);
        }
        this.iterations = iterations;
    }

    /** True if the first PEM block is an "ENCRYPTED PRIVATE KEY". */
    public static boolean isEncrypted(String pem) {
        return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    /**
     * Reads "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY" or "SM2 PRIVATE KEY".
     * {@code password} is needed only for the encrypted form and may otherwise be null.
     */
    public Sm2PrivateKey readPrivateKey(String pem, char[] password) {
        if (!isEncrypted(pem)) {
            return Sm2PrivateKey.fromPem(pem);
        }
        if (password == null) {
            throw new CryptoFormatException("private key is encrypted and no password was given");
        }
        PemObject obj = PemBlocks.read(pem, "ENCRYPTED PRIVATE KEY");
        PrivateKeyInfo info;
        try {
            PKCS8EncryptedPrivateKeyInfo enc = new PKCS8EncryptedPrivateKeyInfo(obj.getContent());
            InputDecryptorProvider dec = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(provider).build(password);
            info = enc.decryptPrivateKeyInfo(dec);
        } catch (PKCSException e) {
            throw new CryptoFormatException("cannot decrypt private key (wrong password?)", e);
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            throw new CryptoFormatException("malformed encrypted private key", e);
        }
        return Sm2PrivateKey.fromInfo(info);
    }

    /** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) encrypted PKCS#8 PEM. */
    public String writeEncryptedPrivateKey(Sm2PrivateKey key, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("empty password");
        }
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(iterations)
                    .setPassword(password)
                    .setProvider(provider)
                    .build();
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.encoded());
            return PemBlocks.write(new PKCS8Generator(info, enc).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt private key", e);
        }
    }
}
