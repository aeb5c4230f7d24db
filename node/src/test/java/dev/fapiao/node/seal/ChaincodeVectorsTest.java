package dev.fapiao.node.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The chaincode's own encoder wrote chaincode/src/test/resources/vectors/*-v1.json; the node must
 * produce the same bytes and accept the same signatures (and the chaincode ours, by symmetry).
 */
class ChaincodeVectorsTest {
    static final HexFormat HEX = HexFormat.of();

    static JsonNode vector(String name) throws Exception {
        Path f = TestData.repoRoot().resolve("chaincode/src/test/resources/vectors").resolve(name);
        assertTrue(Files.isRegularFile(f), "missing shared vector file " + f);
        return new ObjectMapper().readTree(f.toFile());
    }

    static Sm2Verifier verifier(JsonNode v) {
        Sm2PublicKey pub = Sm2PublicKey.fromPem(v.path("publicKeyPem").asText());
        assertEquals(v.path("keyId").asText(), pub.keyId());
        Sm2PrivateKey key = Sm2PrivateKey.fromScalar(HEX.parseHex(v.path("privateKeyHex").asText()));
        assertEquals(pub, key.publicKey());
        return Sm2Verifier.of(pub).withUserId(v.path("userId").asText());
    }

    @Test
    void sealV1() throws Exception {
        JsonNode v = vector("seal-v1.json");
        Instant issueTime = Instant.parse(v.path("issueTime").asText());
        LocalDate retainUntil = LocalDate.parse(v.path("retainUntil").asText());
        assertEquals(v.path("issueTimeMillis").asLong(), issueTime.toEpochMilli());
        assertEquals(v.path("retainUntilEpochDay").asLong(), retainUntil.toEpochDay());
        byte[] docHash = HEX.parseHex(v.path("docHash").asText());
        byte[] metaHash = HEX.parseHex(v.path("metaHash").asText());
        byte[] ours = SealEncoding.encode(v.path("invoiceId").asText(), docHash, metaHash, issueTime, retainUntil);
        assertEquals(v.path("encodingHex").asText(), HEX.formatHex(ours));

        Sm2Verifier verifier = verifier(v);
        assertTrue(verifier.verify(ours, Base64.getDecoder().decode(v.path("signatureBase64").asText())));
        Seal theirs = new Seal(v.path("invoiceId").asText(), v.path("docHash").asText(), v.path("metaHash").asText(),
                issueTime, retainUntil, v.path("keyId").asText(), v.path("signatureBase64").asText(), 1);
        assertTrue(theirs.verify(verifier));

        Sealer sealer = new Sealer(Sm2PrivateKey.fromScalar(HEX.parseHex(v.path("privateKeyHex").asText())));
        Seal mine = sealer.seal(v.path("invoiceId").asText(), docHash, metaHash, issueTime, retainUntil);
        assertEquals(v.path("keyId").asText(), mine.keyId());
        assertTrue(mine.verify(verifier));
    }

    @Test
    void checkpointV1() throws Exception {
        JsonNode v = vector("checkpoint-v1.json");
        byte[] root = HEX.parseHex(v.path("rootHash").asText());
        byte[] ours = CheckpointEncoding.encode(v.path("nodeId").asText(), v.path("treeSize").asLong(), root);
        assertEquals(v.path("encodingHex").asText(), HEX.formatHex(ours));
        Sm2Verifier verifier = verifier(v);
        assertTrue(verifier.verify(ours, Base64.getDecoder().decode(v.path("signatureBase64").asText())));
        Sealer sealer = new Sealer(Sm2PrivateKey.fromScalar(HEX.parseHex(v.path("privateKeyHex").asText())));
        String sig = sealer.signCheckpoint(v.path("nodeId").asText(), v.path("treeSize").asLong(), root);
        assertTrue(verifier.verify(ours, Base64.getDecoder().decode(sig)));
    }
}
