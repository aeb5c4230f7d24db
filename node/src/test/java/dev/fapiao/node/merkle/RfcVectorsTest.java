package dev.fapiao.node.merkle;

import static dev.fapiao.node.merkle.MerkleTestData.b64;
import static dev.fapiao.node.merkle.MerkleTestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.merkle.store.MerkleLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shared transparency-dev/merkle vectors (SHA-256), see rfc6962/README.md. */
class RfcVectorsTest {
    private static final HashStrategy H = Sha256Hasher.INSTANCE;

    private static JsonNode referenceTree() {
        return MerkleTestData.read(MerkleTestData.rfc6962().resolve("reference-tree.json"));
    }

    private static List<byte[]> referenceLeafHashes() {
        List<byte[]> out = new ArrayList<>();
        referenceTree().get("leafHashes").forEach(n -> out.add(hex(n.asText())));
        return out;
    }

    @Test
    void referenceTreeLeafHashesAndRoots() {
        JsonNode tree = referenceTree();
        assertEquals("SHA-256", tree.get("hash").asText());
        List<byte[]> data = new ArrayList<>();
        tree.get("leafInputs").forEach(n -> data.add(hex(n.asText())));
        List<byte[]> leafHashes = MerkleTree.leafHashes(H, data);
        assertEquals(8, leafHashes.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(tree.get("leafHashes").get(i).asText(), hex(leafHashes.get(i)), "leaf " + i);
        }
        MerkleLog log = MerkleLog.inMemory(H);
        for (int size = 0; size <= 8; size++) {
            String want = tree.get("rootHashesByTreeSize").get(Integer.toString(size)).asText();
            assertEquals(want, hex(MerkleTree.rootHash(H, leafHashes, size)), "MTH of size " + size);
            assertEquals(want, hex(log.root()), "log root at size " + size);
            if (size < 8) {
                log.append(data.get(size));
            }
        }
        for (int size = 0; size <= 8; size++) {
            String want = tree.get("rootHashesByTreeSize").get(Integer.toString(size)).asText();
            assertEquals(want, hex(log.root(size)), "historic log root at size " + size);
        }
    }

    @TestFactory
    Stream<DynamicTest> inclusionVectors() {
        List<Path> files = MerkleTestData.vectorFiles("inclusion");
        assertEquals(98, files.size(), "inclusion vector count");
        Path base = MerkleTestData.rfc6962();
        return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
            JsonNode v = MerkleTestData.read(f);
            boolean wantErr = v.get("wantErr").asBoolean();
            ProofException err = null;
            try {
                ProofVerifier.verifyInclusion(H, v.get("leafIdx").asLong(), v.get("treeSize").asLong(),
                        b64(v.get("leafHash")), MerkleTestData.proof(v.get("proof")), b64(v.get("root")));
            } catch (ProofException e) {
                err = e;
            }
            if (wantErr && err == null) {
                fail(v.get("desc").asText() + ": verified but must fail");
            }
            if (!wantErr && err != null) {
                fail(v.get("desc").asText() + ": must verify but failed: " + err.getMessage());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() {
        List<Path> files = MerkleTestData.vectorFiles("consistency");
        assertEquals(98, files.size(), "consistency vector count");
        Path base = MerkleTestData.rfc6962();
        return files.stream().map(f -> DynamicTest.dynamicTest(base.relativize(f).toString(), () -> {
            JsonNode v = MerkleTestData.read(f);
            boolean wantErr = v.get("wantErr").asBoolean();
            ProofException err = null;
            try {
                ProofVerifier.verifyConsistency(H, v.get("size1").asLong(), v.get("size2").asLong(),
                        MerkleTestData.proof(v.get("proof")), b64(v.get("root1")), b64(v.get("root2")));
            } catch (ProofException e) {
                err = e;
            }
            if (wantErr && err == null) {
                fail(v.get("desc").asText() + ": verified but must fail");
            }
            if (!wantErr && err != null) {
                fail(v.get("desc").asText() + ": must verify but failed: " + err.getMessage());
            }
        }));
    }

    /** Our generators reproduce the happy-path proofs of the reference tree exactly. */
    @Test
    void generatedProofsEqualHappyPathVectors() {
        List<byte[]> leaves = referenceLeafHashes();
        Path base = MerkleTestData.rfc6962();
        int checked = 0;
        for (String dir : List.of("0", "1", "2", "3", "4")) {
            JsonNode inc = MerkleTestData.read(base.resolve("inclusion/" + dir + "/happy-path.json"));
            int index = inc.get("leafIdx").asInt();
            int size = inc.get("treeSize").asInt();
            assertProofEquals(MerkleTestData.proof(inc.get("proof")),
                    MerkleTree.inclusionProof(H, leaves.subList(0, size), index), "inclusion " + dir);
            assertArrayEquals(b64(inc.get("leafHash")), leaves.get(index));
            assertArrayEquals(b64(inc.get("root")), MerkleTree.rootHash(H, leaves, size));

            JsonNode con = MerkleTestData.read(base.resolve("consistency/" + dir + "/happy-path.json"));
            int size1 = con.get("size1").asInt();
            int size2 = con.get("size2").asInt();
            assertProofEquals(MerkleTestData.proof(con.get("proof")),
                    MerkleTree.consistencyProof(H, leaves.subList(0, size2), size1), "consistency " + dir);
            checked += 2;
        }
        assertTrue(checked == 10);
    }

    static void assertProofEquals(List<byte[]> want, List<byte[]> got, String what) {
        assertEquals(want.size(), got.size(), what + ": proof length");
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), what + ": proof[" + i + "]");
        }
    }
}
