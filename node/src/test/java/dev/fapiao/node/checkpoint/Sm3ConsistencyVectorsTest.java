package dev.fapiao.node.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.crypto.TestData;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.merkle.store.MerkleLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SM3 consistency proofs the chaincode verifies come from this node's MerkleLog: this test
 * builds a log of 70 invoice leaves and checks (or, with {@code -Dfapiao.writeVectors=true},
 * writes) chaincode/src/test/resources/vectors/consistency-sm3.json, which the chaincode's
 * ConsistencyVerifierTest reads.
 */
class Sm3ConsistencyVectorsTest {
    static final int LEAVES = 70;
    static final HexFormat HEX = HexFormat.of();

    static String vectors() throws Exception {
        MerkleLog log = MerkleLog.inMemory(Sm3Hasher.INSTANCE);
        for (int i = 0; i < LEAVES; i++) {
            String id = "91350100M000100Y43" + String.format("%020d", i);
            log.append(InvoiceLeaf.encode(id, Sm3.hash(("doc " + i).getBytes(StandardCharsets.UTF_8)),
                    Sm3.hash(("meta " + i).getBytes(StandardCharsets.UTF_8)), LocalDate.of(2041, 11, 23)));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("description", "SM3 consistency proofs (RFC 9162 2.1.4) produced by the node's MerkleLog over "
                + LEAVES + " InvoiceLeaf leaves (invoice 91350100M000100Y43 + 20-digit i, docHash SM3(\"doc i\"), "
                + "metaHash SM3(\"meta i\"), retain until 2041-11-23). roots[n] is the root of the first n leaves. "
                + "Written by node Sm3ConsistencyVectorsTest (-Dfapiao.writeVectors=true).");
        root.put("hash", "SM3");
        ArrayNode roots = root.putArray("roots");
        for (int n = 0; n <= LEAVES; n++) {
            roots.add(HEX.formatHex(log.root(n)));
        }
        ArrayNode cases = root.putArray("cases");
        int[][] pairs = {{1, 1}, {1, 2}, {1, 8}, {2, 5}, {3, 7}, {4, 4}, {6, 8}, {6, 7}, {7, 8}, {8, 9}, {8, 16},
            {9, 70}, {13, 64}, {15, 16}, {16, 17}, {16, 70}, {31, 33}, {32, 64}, {33, 70}, {63, 64}, {64, 65},
            {69, 70}, {1, 70}, {2, 70}, {5, 70}};
        for (int[] p : pairs) {
            addCase(log, cases, p[0], p[1]);
        }
        for (int s1 = 10; s1 <= LEAVES; s1 += 11) {
            for (int s2 = s1 + 1; s2 <= LEAVES; s2 += 9) {
                addCase(log, cases, s1, s2);
            }
        }
        return json.writeValueAsString(root) + "\n";
    }

    static void addCase(MerkleLog log, ArrayNode cases, int s1, int s2) throws Exception {
        List<byte[]> proof = log.consistencyProof(s1, s2);
        ProofVerifier.verifyConsistency(Sm3Hasher.INSTANCE, s1, s2, proof, log.root(s1), log.root(s2));
        ObjectNode c = cases.addObject().put("size1", s1).put("size2", s2);
        ArrayNode p = c.putArray("proof");
        proof.forEach(h -> p.add(HEX.formatHex(h)));
    }

    @Test
    void chaincodeVectorFileIsWhatTheNodeProduces() throws Exception {
        Path file = TestData.repoRoot().resolve("chaincode/src/test/resources/vectors/consistency-sm3.json");
        String ours = vectors();
        if (Boolean.getBoolean("fapiao.writeVectors")) {
            Files.writeString(file, ours);
        }
        assertTrue(Files.isRegularFile(file), "missing " + file + " (run with -Dfapiao.writeVectors=true)");
        assertEquals(ours, Files.readString(file), "the shared SM3 vectors differ from the node's log");
        JsonNode parsed = new ObjectMapper().readTree(ours);
        assertTrue(parsed.path("cases").size() >= 40);
    }
}
