package dev.fapiao.node.crypto;

import static dev.fapiao.node.crypto.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.custom.gm.SM2P256V1Curve;
import org.junit.jupiter.api.Test;

class Sm2SignerTest {
    /** Feeds a fixed k to BC's RandomDSAKCalculator, as OpenSSL's own KAT does with a fake RNG. */
    static final class FixedK extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] k;

        FixedK(byte[] k) {
            this.k = k;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(k, 0, bytes, bytes.length - k.length, k.length);
        }
    }

    static JsonNode annexA() {
        for (JsonNode v : TestData.smVectors().path("sm2_sign").path("vectors")) {
            if (v.path("curve").asText().equals("sm2p256v1")) {
                return v;
            }
        }
        throw new IllegalStateException("no sm2p256v1 signature vector");
    }

    @Test
    void usesTheOptimisedCurve() {
        assertInstanceOf(SM2P256V1Curve.class, Sm2.DOMAIN.getCurve());
        JsonNode c = TestData.smVectors().path("sm2_curves").path("sm2p256v1");
        assertEquals(new BigInteger(c.path("n").asText(), 16), Sm2.DOMAIN.getN());
        assertEquals(new BigInteger(c.path("gx").asText(), 16), Sm2.DOMAIN.getG().getAffineXCoord().toBigInteger());
        assertEquals(Sm2.CURVE_OID, c.path("oid").asText());
    }

    @Test
    void gmt0003AnnexASignatureWithFixedK() {
        JsonNode v = annexA();
        Sm2PrivateKey key = Sm2PrivateKey.fromScalar(hex(v.path("private_key")));
        byte[] point = key.publicKey().point();
        assertEquals("04" + v.path("public_key_x").asText() + v.path("public_key_y").asText(), hex(point));
        assertEquals(Sm2.DEFAULT_USER_ID, new String(hex(v.path("user_id_hex")), StandardCharsets.US_ASCII));

        byte[] sig = Sm2Signer.of(key).withRandom(new FixedK(hex(v.path("k")))).sign(hex(v.path("message_hex")));
        assertEquals(v.path("signature_der").asText(), hex(sig));
    }

    @Test
    void gmt0003AnnexASignatureVerifies() {
        JsonNode v = annexA();
        Sm2PublicKey pub = Sm2PublicKey.fromPoint(
                unhex("04" + v.path("public_key_x").asText() + v.path("public_key_y").asText()));
        Sm2Verifier verifier = Sm2Verifier.of(pub);
        byte[] msg = hex(v.path("message_hex"));
        byte[] sig = hex(v.path("signature_der"));
        assertTrue(verifier.verify(msg, sig));
        assertFalse(verifier.withUserId("ALICE123@YAHOO.COM").verify(msg, sig));
        msg[0] ^= 1;
        assertFalse(verifier.verify(msg, sig));
    }

    private static byte[] unhex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    @Test
    void roundTripWithDefaultAndCustomUserId() throws Exception {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        byte[] msg = "发票 invoice".getBytes(StandardCharsets.UTF_8);
        Sm2Signer signer = Sm2Signer.of(kp.privateKey());
        Sm2Verifier verifier = Sm2Verifier.of(kp.publicKey());
        byte[] sig = signer.sign(msg);
        assertTrue(verifier.verify(msg, sig));
        assertTrue(verifier.verify(new ByteArrayInputStream(msg), sig));
        assertTrue(verifier.verify(msg, signer.sign(new ByteArrayInputStream(msg))));
        assertFalse(verifier.withUserId("other").verify(msg, sig));

        byte[] custom = signer.withUserId("91350100M000100Y43").sign(msg);
        assertTrue(verifier.withUserId("91350100M000100Y43").verify(msg, custom));
        assertFalse(verifier.verify(msg, custom));
        assertFalse(Sm2Verifier.of(Sm2KeyPair.generate().publicKey()).verify(msg, sig));
        assertNotEquals(hex(sig), hex(signer.sign(msg)), "k must be random");
    }

    @Test
    void failedStreamDoesNotPoisonTheNextSignature() {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        Sm2Signer signer = Sm2Signer.of(kp.privateKey());
        java.io.InputStream broken = new java.io.InputStream() {
            int n;

            @Override
            public int read() throws java.io.IOException {
                if (n++ < 100) {
                    return 'x';
                }
                throw new java.io.IOException("disk gone");
            }
        };
        assertThrows(java.io.IOException.class, () -> signer.sign(broken));
        byte[] msg = {9, 9, 9};
        assertTrue(Sm2Verifier.of(kp.publicKey()).verify(msg, signer.sign(msg)));
    }

    @Test
    void malformedSignaturesAreInvalidNotErrors() {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        byte[] msg = {1, 2, 3};
        byte[] sig = Sm2Signer.of(kp.privateKey()).sign(msg);
        Sm2Verifier v = Sm2Verifier.of(kp.publicKey());
        assertFalse(v.verify(msg, new byte[0]));
        assertFalse(v.verify(msg, null));
        assertFalse(v.verify(msg, new byte[] {0x30, 0x03, 0x02, 0x01}));
        byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
        assertFalse(v.verify(msg, trailing), "non-DER (trailing byte) must be rejected");
    }

    @Test
    void keyIdIsSm3OfSpki() {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        assertEquals(Sm3.hashHex(kp.publicKey().encoded()), kp.keyId());
        assertTrue(kp.keyId().matches("[0-9a-f]{64}"));
        assertEquals(kp.publicKey(), Sm2PublicKey.fromEncoded(kp.publicKey().encoded()));
    }

    @Test
    void rejectsBadInputs() {
        assertThrows(CryptoFormatException.class, () -> Sm2PrivateKey.fromScalar(new byte[32]));
        byte[] nMinus1 = Sm2.DOMAIN.getN().subtract(BigInteger.ONE).toByteArray();
        assertThrows(CryptoFormatException.class, () -> Sm2PrivateKey.fromScalar(nMinus1));
        byte[] offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[64] = 1;
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromPoint(offCurve));
        assertThrows(CryptoFormatException.class, () -> Sm2PublicKey.fromEncoded(new byte[] {1, 2, 3}));
        Sm2PrivateKey k = Sm2KeyPair.generate().privateKey();
        assertThrows(IllegalArgumentException.class, () -> Sm2Signer.of(k).withUserId(""));
        assertFalse(k.toString().contains(k.params().getD().toString(16)));
    }
}
