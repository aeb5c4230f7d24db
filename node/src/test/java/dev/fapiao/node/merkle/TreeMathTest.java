package dev.fapiao.node.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The index arithmetic against the literal RFC definitions in {@link MerkleTree}. */
class TreeMathTest {
    private static final HashStrategy H = Sha256Hasher.INSTANCE;

    static List<byte[]> leaves(HashStrategy h, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(h.hashLeaf(ByteBuffer.allocate(8).putLong(i).array()));
        }
        return out;
    }

    /** Perfect node hashes straight from the definition of MTH. */
    static Function<NodeId, byte[]> perfectNodes(List<byte[]> leaves) {
        return id -> MerkleTree.mth(H, leaves, (int) id.begin(), (int) id.end());
    }

    @Test
    void inclusionPathsMatchRfcPath() {
        for (int n = 1; n <= 100; n++) {
            List<byte[]> leaves = leaves(H, n);
            Function<NodeId, byte[]> nodes = perfectNodes(leaves);
            for (int i = 0; i < n; i++) {
                List<Subtree> path = TreeMath.inclusionPath(i, n);
                assertEquals(TreeMath.inclusionProofSize(i, n), path.size(), "size of PATH(" + i + ", " + n + ")");
                assertTrue(path.stream().filter(s -> !s.isPerfect()).count() <= 1, "at most one ephemeral node");
                List<byte[]> got = new ArrayList<>();
                path.forEach(s -> got.add(TreeMath.subtreeHash(H, s, nodes)));
                RfcVectorsTest.assertProofEquals(MerkleTree.inclusionProof(H, leaves, i), got,
                        "PATH(" + i + ", " + n + ")");
            }
        }
    }

    @Test
    void consistencyPathsMatchRfcProof() {
        for (int n = 1; n <= 80; n++) {
            List<byte[]> leaves = leaves(H, n);
            Function<NodeId, byte[]> nodes = perfectNodes(leaves);
            for (int m = 1; m <= n; m++) {
                List<Subtree> path = TreeMath.consistencyPath(m, n);
                assertEquals(TreeMath.consistencyProofSize(m, n), path.size(), "size of PROOF(" + m + ", " + n + ")");
                assertTrue(path.stream().filter(s -> !s.isPerfect()).count() <= 1, "at most one ephemeral node");
                List<byte[]> got = new ArrayList<>();
                path.forEach(s -> got.add(TreeMath.subtreeHash(H, s, nodes)));
                RfcVectorsTest.assertProofEquals(MerkleTree.consistencyProof(H, leaves, m), got,
                        "PROOF(" + m + ", " + n + ")");
            }
        }
    }

    @Test
    void rootsFoldFromThePerfectCover() {
        for (int n = 1; n <= 100; n++) {
            List<byte[]> leaves = leaves(H, n);
            List<NodeId> cover = TreeMath.perfectCover(0, n);
            assertEquals(Integer.bitCount(n), cover.size());
            for (int i = 1; i < cover.size(); i++) {
                assertTrue(cover.get(i - 1).level() > cover.get(i).level(), "largest first");
                assertEquals(cover.get(i - 1).end(), cover.get(i).begin(), "contiguous");
            }
            assertEquals(MerkleTestData.hex(MerkleTree.rootHash(H, leaves)),
                    MerkleTestData.hex(TreeMath.subtreeHash(H, new Subtree(0, n), perfectNodes(leaves))));
        }
    }

    @Test
    void proofSizesAgreeForLargeTrees() {
        Random rnd = new Random(6962);
        for (int t = 0; t < 5000; t++) {
            long n = 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(62)));
            long i = Math.floorMod(rnd.nextLong(), n);
            assertEquals(TreeMath.inclusionPath(i, n).size(), TreeMath.inclusionProofSize(i, n), i + "/" + n);
            long m = 1 + Math.floorMod(rnd.nextLong(), n);
            assertEquals(TreeMath.consistencyPath(m, n).size(), TreeMath.consistencyProofSize(m, n), m + "/" + n);
            for (Subtree s : TreeMath.consistencyPath(m, n)) {
                assertTrue(s.perfectCover().size() <= 64);
            }
        }
        assertEquals(63, TreeMath.inclusionProofSize(0, Long.MAX_VALUE));
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> TreeMath.inclusionPath(0, 0));
        assertThrows(IllegalArgumentException.class, () -> TreeMath.inclusionPath(3, 3));
        assertThrows(IllegalArgumentException.class, () -> TreeMath.inclusionPath(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> TreeMath.consistencyPath(0, 3));
        assertThrows(IllegalArgumentException.class, () -> TreeMath.consistencyPath(4, 3));
        assertThrows(IllegalArgumentException.class, () -> TreeMath.split(1));
        assertEquals(List.of(), TreeMath.consistencyPath(5, 5));
        assertEquals(0, TreeMath.consistencyProofSize(5, 5));
    }
}
