package dev.fapiao.node.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;

class Sm2PemTest {
    static final Provider BC = CryptoProviders.newBouncyCastle();
    // Fewer PBKDF2 rounds keep the test fast; the format is the same.
    final Sm2Pem pem = new Sm2Pem(BC, 2048);

    @Test
    void unencryptedRoundTrip() {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        String keyPem = kp.privateKey().toPem();
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(kp.publicKey(), Sm2PrivateKey.fromPem(keyPem).publicKey());
        assertEquals(kp.publicKey(), pem.readPrivateKey(keyPem, null).publicKey());
        String pubPem = kp.publicKey().toPem();
        assertTrue(pubPem.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(kp.publicKey(), Sm2PublicKey.fromPem(pubPem));
        assertEquals(kp.publicKey(), Sm2PrivateKey.fromEncoded(kp.privateKey().encoded()).publicKey());
    }

    @Test
    void encryptedRoundTrip() {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        String enc = pem.writeEncryptedPrivateKey(kp.privateKey(), "s3cret".toCharArray());
        assertTrue(enc.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertTrue(Sm2Pem.isEncrypted(enc));
        assertFalse(Sm2Pem.isEncrypted(kp.privateKey().toPem()));
        assertEquals(kp.publicKey(), pem.readPrivateKey(enc, "s3cret".toCharArray()).publicKey());
        assertThrows(CryptoFormatException.class, () -> pem.readPrivateKey(enc, "wrong".toCharArray()));
        assertThrows(CryptoFormatException.class, () -> pem.readPrivateKey(enc, null));
        assertThrows(CryptoFormatException.class, () -> Sm2PrivateKey.fromPem(enc));
    }

    @Test
    void badPemIsAFormatError() {
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromPem("hello"));
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromPem(
                "-----BEGIN PUBLIC KEY-----\nnot base64!!\n-----END PUBLIC KEY-----\n"));
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromPem(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        String keyPem = Sm2KeyPair.generate().privateKey().toPem();
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromPem(keyPem));
        assertThrows(CryptoFormatException.class, () -> pem.readPrivateKey(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                "x".toCharArray()));
    }

    @Test
    void embeddedPublicKeyMustMatch() throws Exception {
        Sm2KeyPair a = Sm2KeyPair.generate();
        Sm2KeyPair b = Sm2KeyPair.generate();
        byte[] forged = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(Sm2.KEY_ALGORITHM,
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, a.privateKey().params().getD(),
                        new org.bouncycastle.asn1.DERBitString(b.publicKey().point()), null)).getEncoded();
        assertThrows(CryptoFormatException.class, () -> Sm2PrivateKey.fromEncoded(forged));
        // a P-256 key is refused, not misread as SM2
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair p256 = g.generateKeyPair();
        assertThrows(CryptoFormatException.class, () -> Sm2PrivateKey.fromEncoded(p256.getPrivate().getEncoded()));
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromEncoded(p256.getPublic().getEncoded()));
    }

    @Test
    void providerIsNotRegisteredGlobally() {
        assertEquals(null, Security.getProvider("BC"));
    }
}
