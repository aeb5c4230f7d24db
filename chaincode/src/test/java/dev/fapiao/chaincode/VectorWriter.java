package dev.fapiao.chaincode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.crypto.CheckpointEncoding;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.RenewalEncoding;
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

        // renewal encoding v1: renewal 2 (previous = renewal 1), and renewal 1 (no previous)
        String treeRoot = Fixture.hash("renewal tree");
        String logRoot = Fixture.hash("log root");
        String prevRoot = Fixture.hash("renewal 1 tree");
        byte[] rn = RenewalEncoding.encode("node-1", 2, "SHA3-256", 1001, Hex.decode(treeRoot), 1000,
                Hex.decode(logRoot), "SHA-256", 801, Hex.decode(prevRoot));
        byte[] rn1 = RenewalEncoding.encode("node-1", 1, "SHA-256", 801, Hex.decode(prevRoot), 800,
                Hex.decode(Fixture.hash("log root 800")), null, 0, null);
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("description", "Renewal encoding v1 (docs/ledger-model.md, docs/renewal.md), signed like seals.");
        r.put("nodeId", "node-1").put("sequence", 2).put("algorithm", "SHA3-256").put("treeSize", 1001)
                .put("rootHash", treeRoot).put("logTreeSize", 1000).put("logRootHash", logRoot);
        r.putObject("previous").put("algorithm", "SHA-256").put("treeSize", 801).put("rootHash", prevRoot);
        r.put("encodingHex", Hex.encode(rn));
        r.put("firstEncodingHex", Hex.encode(rn1)).put("firstLogRootHash", Fixture.hash("log root 800"));
        r.put("userId", key.userId).put("keyId", key.keyId()).put("publicKeyPem", key.pem())
                .put("privateKeyHex", String.format("%064x", key.d))
                .put("signatureBase64", Base64.getEncoder().encodeToString(
                        key.sign(rn, Sm2TestKey.deterministicRandom("renewal-v1"))));
        Files.writeString(dir.resolve("renewal-v1.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
    }
}
