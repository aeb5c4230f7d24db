package dev.fapiao.chaincode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.crypto.CheckpointEncoding;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.SealEncoding;
import dev.fapiao.chaincode.ledger.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Writes the shared test vectors in src/test/resources/vectors/ (run by hand:
 * {@code java -cp ... dev.fapiao.chaincode.VectorWriter chaincode/src/test/resources/vectors}).
 * The key is derived from a fixed seed and the nonce from a fixed stream, so the output is stable.
 */
public final class VectorWriter {

    private VectorWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "chaincode/src/test/resources/vectors");
        Files.createDirectories(dir);
        Sm2TestKey key = Sm2TestKey.fromSeed("fapiao seal vector v1");

        String invoiceId = "91350100M000100Y4312345678901234567890";
        String docHash = Fixture.hash("document");
        String metaHash = Fixture.hash("metadata");
        String issueTime = "2026-11-23T08:00:00.250Z";
        String retainUntil = "2041-11-23";
        byte[] seal = SealEncoding.encode(invoiceId, Hex.decode(docHash), Hex.decode(metaHash),
                Instant.parse(issueTime).toEpochMilli(), (int) LocalDate.parse(retainUntil).toEpochDay());
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("description", "Seal encoding v1 (docs/ledger-model.md): SM2 signature with SM3, user id "
                + "1234567812345678, DER r/s, base64. privateKeyHex is a test key.");
        v.put("invoiceId", invoiceId).put("docHash", docHash).put("metaHash", metaHash).put("issueTime", issueTime)
                .put("issueTimeMillis", Instant.parse(issueTime).toEpochMilli()).put("retainUntil", retainUntil)
                .put("retainUntilEpochDay", LocalDate.parse(retainUntil).toEpochDay())
                .put("encodingHex", Hex.encode(seal)).put("userId", key.userId).put("keyId", key.keyId())
                .put("publicKeyPem", key.pem()).put("privateKeyHex", String.format("%064x", key.d))
                .put("signatureBase64", Base64.getEncoder().encodeToString(
                        key.sign(seal, Sm2TestKey.deterministicRandom("seal-v1"))));
        Files.writeString(dir.resolve("seal-v1.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v) + "\n");

        String root = Fixture.hash("root");
        byte[] cp = CheckpointEncoding.encode("node-1", 1000, Hex.decode(root));
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("description", "Checkpoint encoding v1 (docs/ledger-model.md), signed like seals.");
        c.put("nodeId", "node-1").put("treeSize", 1000).put("rootHash", root).put("encodingHex", Hex.encode(cp))
                .put("userId", key.userId).put("keyId", key.keyId()).put("publicKeyPem", key.pem())
                .put("privateKeyHex", String.format("%064x", key.d))
                .put("signatureBase64", Base64.getEncoder().encodeToString(
                        key.sign(cp, Sm2TestKey.deterministicRandom("checkpoint-v1"))));
        Files.writeString(dir.resolve("checkpoint-v1.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n");
    }
}
