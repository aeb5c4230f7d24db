package dev.fapiao.chaincode.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class Sm2KeysTest {

    static {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void keyIdIsSm3OfDerSpkiAndCompressedPointsGetTheSameId() throws Exception {
        KeyPair kp = keyPair("sm2p256v1");
        byte[] der = kp.getPublic().getEncoded();
        Sm2PublicKey k = Sm2Keys.fromPublicKeyPem(pem("PUBLIC KEY", der));
        assertEquals(Sm3.hex(der), k.keyId());
        assertEquals(64, k.keyId().length());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
        byte[] compressed = k.parameters().getQ().getEncoded(true);
        SubjectPublicKeyInfo c = new SubjectPublicKeyInfo(spki.getAlgorithm(), compressed);
        assertEquals(k.keyId(), Sm2Keys.fromSpki(c).keyId());
        assertEquals(k.pem(), Sm2Keys.fromPublicKeyPem(k.pem()).pem());
    }

    @Test
    void refusesOtherCurvesAlgorithmsAndGarbage() throws Exception {
        KeyPair p256 = keyPair("secp256r1");
        assertTrue(assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromPublicKeyPem(
                pem("PUBLIC KEY", p256.getPublic().getEncoded()))).getMessage().startsWith("not an SM2 key"));
        KeyPair sm2 = keyPair("sm2p256v1");
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(sm2.getPublic().getEncoded());
        SubjectPublicKeyInfo rsaAlg = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.840.113549.1.1.1")), spki.getPublicKeyData().getBytes());
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromSpki(rsaAlg));
        byte[] offCurve = spki.getPublicKeyData().getBytes().clone();
        offCurve[offCurve.length - 1] ^= 1;
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromSpki(
                new SubjectPublicKeyInfo(spki.getAlgorithm(), offCurve)));
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromPublicKeyPem(pem("CERTIFICATE", new byte[] {1})));
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromPublicKeyPem(pem("PUBLIC KEY", new byte[] {1, 2})));
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromPublicKeyPem(""));
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromPublicKeyPem(
                pem("PUBLIC KEY", sm2.getPublic().getEncoded()) + pem("PUBLIC KEY", sm2.getPublic().getEncoded())));
        assertThrows(CryptoFormatException.class, () -> Sm2Keys.fromCertificatePem(
                pem("CERTIFICATE", sm2.getPublic().getEncoded())));
    }

    @Test
    void derSignatureCheck() {
        assertThrows(CryptoFormatException.class, () -> Sm2Verifier.requireDer(new byte[] {0x30, 0x00}));
        assertThrows(CryptoFormatException.class, () -> Sm2Verifier.requireDer(new byte[0]));
    }
}
