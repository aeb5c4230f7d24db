package dev.fapiao.node.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** An SM2 key pair on sm2p256v1. */
public record Sm2KeyPair(Sm2PrivateKey privateKey, Sm2PublicKey publicKey) {
    public Sm2KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("public key does not belong to the private key");
        }
    }

    public static Sm2KeyPair of(Sm2PrivateKey key) {
        return new Sm2KeyPair(key, key.publicKey());
    }

    public static Sm2KeyPair generate() {
        return generate(new SecureRandom());
    }

    public static Sm2KeyPair generate(SecureRandom random) {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(Sm2.DOMAIN, random));
        while (true) {
            AsymmetricCipherKeyPair kp = gen.generateKeyPair();
            // BC draws d from [1, n-1]; SM2 excludes n-1 (astronomically unlikely, but cheap to honour).
            try {
                return of(new Sm2PrivateKey(((ECPrivateKeyParameters) kp.getPrivate()).getD()));
            } catch (CryptoFormatException outOfRange) {
                // draw again
            }
        }
    }

    public String keyId() {
        return publicKey.keyId();
    }
}
