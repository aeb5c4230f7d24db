package dev.fapiao.node.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fapiao.node.merkle.ProofException.Check;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random trees (n <= 300) with SHA-256, SM3 and SHA3-256: generated proofs verify, and every
 * mutation (a flipped bit in the leaf, the index, a proof element or a root; truncation,
 * extension, reordering) fails. A flipped bit in a size fails exactly when it changes the
 * proof's shape — the sequence of left/right hashing steps the verifier performs. When it
 * does not, the verifier does the same hashing and cannot tell the sizes apart (e.g. leaf 0
 * of 6 and leaf 0 of 7); the tree size is bound to a root by the signed checkpoint, not by
 * the proof. The test asserts both directions.
 */
class ProofPropertyTest {
    private static final long SEED = 0x6962_9162L;

    interface Verification {
        void run() throws ProofException;
    }

    static Stream<HashStrategy> hashers() {
        return Stream.of(Sha256Hasher.INSTANCE, Sm3Hasher.INSTANCE, Sha3_256Hasher.INSTANCE);
    }

    static List<byte[]> randomLeaves(HashStrategy h, int n, Random rnd) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] extra = new byte[rnd.nextInt(40)];
            rnd.nextBytes(extra);
            out.add(h.hashLeaf(ByteBuffer.allocate(8 + extra.length).putLong(i).put(extra).array()));
        }
        return out;
    }

    static byte[] flip(byte[] b, Random rnd) {
        byte[] c = b.clone();
        int bit = rnd.nextInt(c.length * 8);
        c[bit / 8] ^= (byte) (1 << (bit % 8));
        return c;
    }

    static ProofException mustFail(Verification v, String what) {
        try {
            v.run();
        } catch (ProofException e) {
            return e;
        }
        return fail(what + ": verified but must fail");
    }

    static void mustPass(Verification v, String what) {
        try {
            v.run();
        } catch (ProofException e) {
            fail(what + ": must verify but failed: " + e.getMessage());
        }
    }

    static List<Integer> sample(int n, int max, Random rnd) {
        List<Integer> out = new ArrayList<>();
        if (n <= max) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        out.add(0);
        out.add(n - 1);
        while (out.size() < max) {
            out.add(rnd.nextInt(n));
        }
        return out;
    }

    // ---- shapes: the verifier's sequence of hashing steps, or null if it rejects the shape

    static String inclusionShape(long index, long size, int proofLen) {
        if (index < 0 || size < 0 || index >= size || TreeMath.inclusionProofSize(index, size) != proofLen) {
            return null;
        }
        return steps(new StringBuilder(), index, size - 1, proofLen, 'L', 'R');
    }

    static String consistencyShape(long size1, long size2, int proofLen) {
        if (size1 <= 0 || size2 < 0 || size1 > size2) {
            return null;
        }
        if (size1 == size2) {
            return proofLen == 0 ? "EQ" : null;
        }
        if (proofLen == 0 || TreeMath.consistencyProofSize(size1, size2) != proofLen) {
            return null;
        }
        boolean pow2 = (size1 & (size1 - 1)) == 0;
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        return steps(new StringBuilder(pow2 ? "P" : "-"), fn, sn, proofLen + (pow2 ? 1 : 0) - 1, 'B', 'R');
    }

    private static String steps(StringBuilder sb, long fn, long sn, int count, char left, char right) {
        for (int k = 0; k < count; k++) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                sb.append(left);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sb.append(right);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? sb.toString() : null;
    }

    // ---- inclusion

    @ParameterizedTest
    @MethodSource("hashers")
    void inclusionProofs(HashStrategy h) {
        Random rnd = new Random(SEED ^ h.name().hashCode());
        int cases = 0;
        int sameShape = 0;
        for (int t = 0; t < 150; t++) {
            int n = t < 20 ? t + 1 : 1 + rnd.nextInt(300);
            List<byte[]> leaves = randomLeaves(h, n, rnd);
            byte[] root = MerkleTree.rootHash(h, leaves);
            for (int i : sample(n, 12, rnd)) {
                sameShape += checkInclusion(h, rnd, leaves, i, root);
                cases++;
            }
        }
        System.out.printf("inclusion [%s]: %d cases, %d same-shape size mutations%n", h.name(), cases,
                sameShape);
        assertTrue(cases >= 1000);
    }

    private static int checkInclusion(HashStrategy h, Random rnd, List<byte[]> leaves, int i, byte[] root) {
        long n = leaves.size();
        byte[] leaf = leaves.get(i);
        List<byte[]> proof = MerkleTree.inclusionProof(h, leaves, i);
        String at = h.name() + " leaf " + i + " of " + n;
        mustPass(() -> ProofVerifier.verifyInclusion(h, i, n, leaf, proof, root), at);

        for (int k = 0; k < 3; k++) {
            byte[] bad = flip(leaf, rnd);
            assertEquals(Check.ROOT_MISMATCH, mustFail(() -> ProofVerifier.verifyInclusion(h, i, n, bad, proof, root),
                    at + ": flipped leaf").check());
        }
        byte[] badRoot = flip(root, rnd);
        assertEquals(Check.ROOT_MISMATCH, mustFail(() -> ProofVerifier.verifyInclusion(h, i, n, leaf, proof, badRoot),
                at + ": flipped root").check());
        for (int k = 0; k < proof.size(); k++) {
            List<byte[]> bad = new ArrayList<>(proof);
            bad.set(k, flip(proof.get(k), rnd));
            assertEquals(Check.ROOT_MISMATCH, mustFail(() -> ProofVerifier.verifyInclusion(h, i, n, leaf, bad, root),
                    at + ": flipped proof[" + k + "]").check());
        }
        // index: always fails; size: fails exactly when the shape changes
        String shape = inclusionShape(i, n, proof.size());
        int same = 0;
        for (int b = 0; b < 64; b++) {
            long i2 = i ^ (1L << b);
            long n2 = n ^ (1L << b);
            Verification vi = () -> ProofVerifier.verifyInclusion(h, i2, n, leaf, proof, root);
            Verification vn = () -> ProofVerifier.verifyInclusion(h, i, n2, leaf, proof, root);
            if (shape.equals(inclusionShape(i2, n, proof.size()))) {
                fail(at + ": index " + i2 + " has the same shape; the proof would not bind the index");
            } else {
                mustFail(vi, at + ": index flipped to " + i2);
            }
            if (shape.equals(inclusionShape(i, n2, proof.size()))) {
                mustPass(vn, at + ": size " + n2 + " has the same shape");
                same++;
            } else {
                mustFail(vn, at + ": size flipped to " + n2);
            }
        }
        // truncated, extended, reordered
        byte[] junk = new byte[h.size()];
        rnd.nextBytes(junk);
        List<List<byte[]>> wrong = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (!proof.isEmpty()) {
            wrong.add(proof.subList(0, proof.size() - 1));
            why.add("last element dropped");
            wrong.add(proof.subList(1, proof.size()));
            why.add("first element dropped");
        }
        wrong.add(concat(proof, List.of(junk)));
        why.add("junk appended");
        wrong.add(concat(List.of(junk), proof));
        why.add("junk prepended");
        wrong.add(concat(proof, List.of(root)));
        why.add("root appended");
        if (!proof.isEmpty()) {
            wrong.add(concat(proof, List.of(proof.get(proof.size() - 1))));
            why.add("last element repeated");
        }
        if (proof.size() >= 2) {
            int a = rnd.nextInt(proof.size());
            int c = (a + 1 + rnd.nextInt(proof.size() - 1)) % proof.size();
            List<byte[]> swapped = new ArrayList<>(proof);
            Collections.swap(swapped, a, c);
            wrong.add(swapped);
            why.add("elements " + a + " and " + c + " swapped");
            List<byte[]> reversed = new ArrayList<>(proof);
            Collections.reverse(reversed);
            wrong.add(reversed);
            why.add("reversed");
        }
        for (int k = 0; k < wrong.size(); k++) {
            List<byte[]> bad = wrong.get(k);
            mustFail(() -> ProofVerifier.verifyInclusion(h, i, n, leaf, bad, root), at + ": " + why.get(k));
        }
        byte[] longLeaf = concatBytes(leaf, new byte[1]);
        assertEquals(Check.HASH_LENGTH, mustFail(() -> ProofVerifier.verifyInclusion(h, i, n, longLeaf, proof, root),
                at + ": 33-byte leaf hash").check());
        return same;
    }

    // ---- consistency

    @ParameterizedTest
    @MethodSource("hashers")
    void consistencyProofs(HashStrategy h) {
        Random rnd = new Random(SEED ^ (h.name().hashCode() * 31L));
        int cases = 0;
        int sameShape = 0;
        for (int t = 0; t < 150; t++) {
            int n = t < 20 ? t + 1 : 1 + rnd.nextInt(300);
            List<byte[]> leaves = randomLeaves(h, n, rnd);
            List<byte[]> roots = new ArrayList<>();
            for (int m = 0; m <= n; m++) {
                roots.add(m == 0 ? h.emptyRoot() : MerkleTree.rootHash(h, leaves, m));
            }
            for (int m0 : sample(n, 12, rnd)) {
                sameShape += checkConsistency(h, rnd, leaves, m0 + 1, roots);
                cases++;
            }
            // from the empty tree: always refused
            assertEquals(Check.EMPTY_OLD_TREE, mustFail(() -> ProofVerifier.verifyConsistency(h, 0, n, List.of(),
                    roots.get(0), roots.get(n)), "size1 = 0").check());
        }
        System.out.printf("consistency [%s]: %d cases, %d same-shape size mutations%n", h.name(), cases, sameShape);
        assertTrue(cases >= 1000);
    }

    private static int checkConsistency(HashStrategy h, Random rnd, List<byte[]> leaves, int m, List<byte[]> roots) {
        int n = leaves.size();
        byte[] r1 = roots.get(m);
        byte[] r2 = roots.get(n);
        List<byte[]> proof = MerkleTree.consistencyProof(h, leaves, m);
        String at = h.name() + " " + m + " -> " + n;
        mustPass(() -> ProofVerifier.verifyConsistency(h, m, n, proof, r1, r2), at);

        byte[] bad1 = flip(r1, rnd);
        byte[] bad2 = flip(r2, rnd);
        mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, proof, bad1, r2), at + ": flipped root1");
        mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, proof, r1, bad2), at + ": flipped root2");
        if (m < n) {
            mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, proof, r2, r1), at + ": swapped roots");
            // a root of another size is not the old root
            int other = 1 + rnd.nextInt(n);
            if (other != m) {
                mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, proof, roots.get(other), r2),
                        at + ": root of size " + other + " as root1");
            }
        }
        for (int k = 0; k < proof.size(); k++) {
            List<byte[]> bad = new ArrayList<>(proof);
            bad.set(k, flip(proof.get(k), rnd));
            mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, bad, r1, r2), at + ": flipped proof[" + k + "]");
        }
        String shape = consistencyShape(m, n, proof.size());
        int same = 0;
        for (int b = 0; b < 64; b++) {
            long m2 = m ^ (1L << b);
            long n2 = n ^ (1L << b);
            Verification v1 = () -> ProofVerifier.verifyConsistency(h, m2, n, proof, r1, r2);
            Verification v2 = () -> ProofVerifier.verifyConsistency(h, m, n2, proof, r1, r2);
            if (shape.equals(consistencyShape(m2, n, proof.size()))) {
                mustPass(v1, at + ": size1 " + m2 + " has the same shape");
                same++;
            } else {
                mustFail(v1, at + ": size1 flipped to " + m2);
            }
            if (shape.equals(consistencyShape(m, n2, proof.size()))) {
                mustPass(v2, at + ": size2 " + n2 + " has the same shape");
                same++;
            } else {
                mustFail(v2, at + ": size2 flipped to " + n2);
            }
        }
        byte[] junk = new byte[h.size()];
        rnd.nextBytes(junk);
        List<List<byte[]>> wrong = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (!proof.isEmpty()) {
            wrong.add(proof.subList(0, proof.size() - 1));
            why.add("last element dropped");
            wrong.add(proof.subList(1, proof.size()));
            why.add("first element dropped");
            wrong.add(concat(proof, List.of(proof.get(proof.size() - 1))));
            why.add("last element repeated");
        }
        wrong.add(concat(proof, List.of(junk)));
        why.add("junk appended");
        wrong.add(concat(List.of(junk), proof));
        why.add("junk prepended");
        wrong.add(concat(proof, List.of(r1)));
        why.add("root1 appended");
        wrong.add(concat(List.of(r1), proof));
        why.add("root1 prepended");
        if (proof.size() >= 2) {
            int a = rnd.nextInt(proof.size());
            int c = (a + 1 + rnd.nextInt(proof.size() - 1)) % proof.size();
            List<byte[]> swapped = new ArrayList<>(proof);
            Collections.swap(swapped, a, c);
            wrong.add(swapped);
            why.add("elements " + a + " and " + c + " swapped");
            List<byte[]> reversed = new ArrayList<>(proof);
            Collections.reverse(reversed);
            wrong.add(reversed);
            why.add("reversed");
        }
        for (int k = 0; k < wrong.size(); k++) {
            List<byte[]> bad = wrong.get(k);
            mustFail(() -> ProofVerifier.verifyConsistency(h, m, n, bad, r1, r2), at + ": " + why.get(k));
        }
        return same;
    }

    static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static byte[] concatBytes(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
