package dev.fapiao.chaincode.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Golden bytes of the seal, checkpoint and renewal encodings, and the shared vector files. */
class EncodingVectorsTest {

    static final String INVOICE_ID = "91350100M000100Y4312345678901234567890";

    static byte[] fill(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void sealEncodingGoldenBytes() {
        long issue = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
        int retain = (int) LocalDate.parse("2041-11-23").toEpochDay();
        assertEquals(1795420800000L, issue);
        assertEquals(26259, retain);
        String expected = "46415049414f2d5345414c"                  // "FAPIAO-SEAL"
                + "01"                                              // version
                + "0026"                                            // u16 length 38
                + "39313335303130304d3030303130305934333132333435363738393031323334353637383930" // id
                + "11".repeat(32)                                   // docHash
                + "22".repeat(32)                                   // metaHash
                + "000001a2076b4400"                                // issueTime ms
                + "00006693";                                       // retainUntil days
        assertEquals(expected, Hex.encode(SealEncoding.encode(INVOICE_ID, fill(0x11), fill(0x22), issue, retain)));
        assertEquals(11 + 1 + 2 + 38 + 32 + 32 + 8 + 4, expected.length() / 2);
    }

    @Test
    void checkpointEncodingGoldenBytes() {
        String expected = "46415049414f2d434845434b504f494e54"   // "FAPIAO-CHECKPOINT"
                + "01"                                          // version
                + "0006" + "6e6f64652d31"                       // "node-1"
                + "00000000000003e8"                            // treeSize 1000
                + "0020" + "ab".repeat(32);                     // rootHash
        assertEquals(expected, Hex.encode(CheckpointEncoding.encode("node-1", 1000, fillAb())));
    }

    @Test
    void renewalEncodingGoldenBytes() {
        String second = "46415049414f2d52454e4557414c"          // "FAPIAO-RENEWAL"
                + "01"                                          // version
                + "0006" + "6e6f64652d31"                       // "node-1"
                + "0000000000000002"                            // sequence 2
                + "0008" + "534841332d323536"                   // "SHA3-256"
                + "00000000000003e9"                            // treeSize 1001
                + "0020" + "ab".repeat(32)                      // rootHash
                + "00000000000003e8"                            // logTreeSize 1000
                + "0020" + "11".repeat(32)                      // logRootHash
                + "01"                                          // previous present
                + "0007" + "5348412d323536"                     // "SHA-256"
                + "0000000000000321"                            // previous treeSize 801
                + "0020" + "22".repeat(32);                     // previous rootHash
        assertEquals(second, Hex.encode(RenewalEncoding.encode("node-1", 2, "SHA3-256", 1001, fillAb(), 1000,
                fill(0x11), "SHA-256", 801, fill(0x22))));
        String first = "46415049414f2d52454e4557414c" + "01" + "0006" + "6e6f64652d31" + "0000000000000001"
                + "0007" + "5348412d323536" + "0000000000000321" + "0020" + "ab".repeat(32)
                + "0000000000000320" + "0020" + "11".repeat(32)
                + "00";                                         // no previous (renewal 1)
        assertEquals(first, Hex.encode(RenewalEncoding.encode("node-1", 1, "SHA-256", 801, fillAb(), 800,
                fill(0x11), null, 0, null)));
    }

    @Test
    void renewalVectorFileMatchesEncodingAndVerifies() throws Exception {
        JsonNode v = vector("/vectors/renewal-v1.json");
        JsonNode p = v.get("previous");
        byte[] encoding = RenewalEncoding.encode(v.get("nodeId").asText(), v.get("sequence").asLong(),
                v.get("algorithm").asText(), v.get("treeSize").asLong(), Hex.decode(v.get("rootHash").asText()),
                v.get("logTreeSize").asLong(), Hex.decode(v.get("logRootHash").asText()), p.get("algorithm").asText(),
                p.get("treeSize").asLong(), Hex.decode(p.get("rootHash").asText()));
        assertEquals(v.get("encodingHex").asText(), Hex.encode(encoding));
        Sm2PublicKey key = Sm2Keys.fromPublicKeyPem(v.get("publicKeyPem").asText());
        byte[] sig = Base64.getDecoder().decode(v.get("signatureBase64").asText());
        assertTrue(Sm2Verifier.verify(key.parameters(), v.get("userId").asText(), encoding, sig));
        encoding[20] ^= 1;
        assertFalse(Sm2Verifier.verify(key.parameters(), v.get("userId").asText(), encoding, sig));
    }

    static byte[] fillAb() {
        return fill(0xab);
    }

    @Test
    void sealVectorFileMatchesEncodingAndVerifies() throws Exception {
        JsonNode v = vector("/vectors/seal-v1.json");
        byte[] encoding = SealEncoding.encode(v.get("invoiceId").asText(), Hex.decode(v.get("docHash").asText()),
                Hex.decode(v.get("metaHash").asText()), Instant.parse(v.get("issueTime").asText()).toEpochMilli(),
                (int) LocalDate.parse(v.get("retainUntil").asText()).toEpochDay());
        assertEquals(v.get("encodingHex").asText(), Hex.encode(encoding));
        Sm2PublicKey key = Sm2Keys.fromPublicKeyPem(v.get("publicKeyPem").asText());
        assertEquals(v.get("keyId").asText(), key.keyId());
        byte[] sig = Base64.getDecoder().decode(v.get("signatureBase64").asText());
        assertTrue(Sm2Verifier.verify(key.parameters(), v.get("userId").asText(), encoding, sig));
        encoding[encoding.length - 1] ^= 1;
        assertFalse(Sm2Verifier.verify(key.parameters(), v.get("userId").asText(), encoding, sig));
    }

    @Test
    void checkpointVectorFileMatchesEncodingAndVerifies() throws Exception {
        JsonNode v = vector("/vectors/checkpoint-v1.json");
        byte[] encoding = CheckpointEncoding.encode(v.get("nodeId").asText(), v.get("treeSize").asLong(),
                Hex.decode(v.get("rootHash").asText()));
        assertEquals(v.get("encodingHex").asText(), Hex.encode(encoding));
        Sm2PublicKey key = Sm2Keys.fromPublicKeyPem(v.get("publicKeyPem").asText());
        byte[] sig = Base64.getDecoder().decode(v.get("signatureBase64").asText());
        assertTrue(Sm2Verifier.verify(key.parameters(), v.get("userId").asText(), encoding, sig));
    }

    static JsonNode vector(String resource) throws Exception {
        try (InputStream in = EncodingVectorsTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is missing (run VectorWriter)");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void sm3KnownAnswer() {
        // GB/T 32905 example 1: SM3("abc")
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
                Sm3.hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void u16LengthLimit() {
        String tooLong = "x".repeat(65536);
        try {
            CheckpointEncoding.encode(tooLong, 1, fillAb());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("nodeId"));
            return;
        }
        throw new AssertionError("accepted a 65536-byte node id");
    }

    @Test
    void hexRoundTrip() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, Hex.decode(Hex.encode(all)));
    }
}
