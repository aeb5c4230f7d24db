package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.TestData;
import dev.fapiao.node.seal.Sealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the renewal link (leaf 0), the renewed leaf and the signed renewal encoding; leaf
 * hashes computed independently (Python hashlib); the chaincode's shared vector.
 */
class RenewalEncodingsTest {
    static final HexFormat HEX = HexFormat.of();
    static final String INVOICE_ID = "91350100M000100Y4312345678901234567890";
    static final String ID_HEX = "39313335303130304d3030303130305934333132333435363738393031323334353637383930";

    static RenewalLink link() {
        return new RenewalLink("node-1", 2, "SHA3-256", 1000, "11".repeat(32),
                new RenewalPrevious("SHA-256", 801, "22".repeat(32)));
    }

    @Test
    void linkGoldenBytes() {
        String expected = "46415049414f2d52454e4557414c2d4c494e4b"    // "FAPIAO-RENEWAL-LINK"
                + "01"                                              // version
                + "0006" + "6e6f64652d31"                           // nodeId "node-1"
                + "0000000000000002"                                // sequence 2
                + "0008" + "534841332d323536"                       // "SHA3-256"
                + "00000000000003e8"                                // logTreeSize 1000
                + "0020" + "11".repeat(32)                          // logRootHash
                + "01"                                              // previous present
                + "0007" + "5348412d323536"                         // "SHA-256"
                + "0000000000000321"                                // previous treeSize 801
                + "0020" + "22".repeat(32);                         // previous rootHash
        assertEquals(expected, HEX.formatHex(link().encode()));
        assertEquals("b189dc03bf853f06912e2941fff669f3a60c92b245958a2571f53f378ca938ed",
                HEX.formatHex(RenewalAlgorithm.SHA3_256.hasher().hashLeaf(link().encode())), "SHA3-256 leaf hash");
        RenewalLink first = new RenewalLink("node-1", 1, "SHA-256", 1000, "11".repeat(32), null);
        assertTrue(HEX.formatHex(first.encode()).endsWith("0020" + "11".repeat(32) + "00"), "no previous: 0x00");
    }

    static RenewedLeaf leaf(String documentHash, String kind) {
        return new RenewedLeaf(INVOICE_ID, 5, documentHash, "44".repeat(32), "2041-11-23", kind, "55".repeat(32));
    }

    @Test
    void renewedLeafGoldenBytesAndDisposedMarker() {
        String head = "46415049414f2d52454e455745442d4c454146"      // "FAPIAO-RENEWED-LEAF"
                + "01" + "0026" + ID_HEX                            // version, invoiceId
                + "0000000000000005";                               // leafIndex 5
        String present = head + "01" + "0020" + "33".repeat(32)     // document present, A(document)
                + "0020" + "44".repeat(32)                          // A(metadata)
                + "00006693"                                        // retainUntil 2041-11-23 = day 26259
                + "01" + "0020" + "55".repeat(32);                  // LOG, SM3 log leaf hash
        RenewedLeaf withDoc = leaf("33".repeat(32), RenewedLeaf.LOG);
        assertEquals(present, HEX.formatHex(withDoc.encode()));
        assertEquals("e8a43ef1c2f7a530fd3c1078a80db8bd6413e415b673585fef6ea4efe6dda40a",
                HEX.formatHex(withDoc.leafHash(RenewalAlgorithm.SHA_256)));
        assertEquals("c9984ca6d2c4be4bfaa03dbddd91dc7878cf99ea31efa224f6536e3669d5805e",
                HEX.formatHex(withDoc.leafHash(RenewalAlgorithm.SHA3_256)));

        String disposed = head + "00"                               // disposed: no document
                + "0020" + "44".repeat(32) + "00006693"
                + "02" + "0020" + "55".repeat(32);                  // RENEWAL, previous renewal's leaf hash
        RenewedLeaf marker = leaf(null, RenewedLeaf.RENEWAL);
        assertTrue(marker.disposed());
        assertEquals(disposed, HEX.formatHex(marker.encode()));
        assertEquals("c886b884ce1e3b387b98860eba36d0163c993241d7a06178a71f739cad1c62de",
                HEX.formatHex(marker.leafHash(RenewalAlgorithm.SHA_256)));

        assertEquals(withDoc, RenewedLeaf.decode(withDoc.encode()));
        assertEquals(marker, RenewedLeaf.decode(marker.encode()));
        assertNotEquals(HEX.formatHex(withDoc.encode()), HEX.formatHex(leaf("33".repeat(32), RenewedLeaf.RENEWAL)
                .encode()), "the kind is bound");
        assertThrows(IllegalArgumentException.class, () -> leaf(null, "OTHER").encode());
        assertThrows(IllegalArgumentException.class, () -> RenewedLeaf.decode(HEX.parseHex(present + "00")));
        assertThrows(IllegalArgumentException.class, () -> RenewedLeaf.decode(HEX.parseHex(present.substring(0, 60))));
    }

    @Test
    void signedEncodingGoldenBytes() {
        String expected = "46415049414f2d52454e4557414c"   // "FAPIAO-RENEWAL"
                + "01" + "0006" + "6e6f64652d31"           // version, nodeId
                + "0000000000000002"                       // sequence
                + "0008" + "534841332d323536"              // algorithm
                + "00000000000003e9"                       // treeSize 1001
                + "0020" + "ab".repeat(32)                 // rootHash
                + "00000000000003e8"                       // logTreeSize
                + "0020" + "11".repeat(32)                 // logRootHash
                + "01" + "0007" + "5348412d323536" + "0000000000000321" + "0020" + "22".repeat(32);
        assertEquals(expected, HEX.formatHex(RenewalEncoding.encode(link(), 1001, "ab".repeat(32))));
    }

    /** The chaincode wrote chaincode/src/test/resources/vectors/renewal-v1.json with its own encoder. */
    @Test
    void chaincodeVector() throws Exception {
        Path f = TestData.repoRoot().resolve("chaincode/src/test/resources/vectors/renewal-v1.json");
        assertTrue(Files.isRegularFile(f), "missing shared vector file " + f);
        JsonNode v = new ObjectMapper().readTree(f.toFile());
        JsonNode p = v.path("previous");
        RenewalLink l = new RenewalLink(v.path("nodeId").asText(), v.path("sequence").asLong(),
                v.path("algorithm").asText(), v.path("logTreeSize").asLong(), v.path("logRootHash").asText(),
                new RenewalPrevious(p.path("algorithm").asText(), p.path("treeSize").asLong(),
                        p.path("rootHash").asText()));
        byte[] ours = RenewalEncoding.encode(l, v.path("treeSize").asLong(), v.path("rootHash").asText());
        assertEquals(v.path("encodingHex").asText(), HEX.formatHex(ours));
        RenewalLink first = new RenewalLink("node-1", 1, "SHA-256", 800, v.path("firstLogRootHash").asText(), null);
        assertEquals(v.path("firstEncodingHex").asText(), HEX.formatHex(RenewalEncoding.encode(first, 801,
                p.path("rootHash").asText())));

        Sm2PublicKey pub = Sm2PublicKey.fromPem(v.path("publicKeyPem").asText());
        Sm2Verifier verifier = Sm2Verifier.of(pub).withUserId(v.path("userId").asText());
        assertTrue(verifier.verify(ours, Base64.getDecoder().decode(v.path("signatureBase64").asText())));
        // the node signs the way the chaincode verifies
        Sealer sealer = new Sealer(Sm2PrivateKey.fromScalar(HEX.parseHex(v.path("privateKeyHex").asText())));
        RenewalSigner signer = sealer::signProofBundle;
        assertTrue(verifier.verify(ours, Base64.getDecoder().decode(signer.sign(ours))));
        ours[ours.length - 1] ^= 1;
        assertFalse(verifier.verify(ours, Base64.getDecoder().decode(v.path("signatureBase64").asText())));
    }

    @Test
    void algorithms() {
        assertEquals(RenewalAlgorithm.SHA_256, RenewalAlgorithm.of("SHA-256"));
        assertEquals(RenewalAlgorithm.SHA3_256, RenewalAlgorithm.of("SHA3-256"));
        assertTrue(RenewalAlgorithm.byName("SM3").isEmpty(), "the log's own hash is no renewal");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenewalAlgorithm.of("MD5"));
        assertEquals("unknown renewal algorithm 'MD5', must be one of [SHA-256, SHA3-256]", e.getMessage());
        assertEquals("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
                HEX.formatHex(RenewalAlgorithm.SHA3_256.digest(new byte[0])));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(RenewalAlgorithm.SHA_256.digest(new byte[0])));
    }
}
