package dev.fapiao.node.merkle;

import dev.fapiao.node.merkle.ProofException.Check;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Offline verification of inclusion and consistency proofs, with the iterative algorithms of
 * RFC 9162 §2.1.3.2 and §2.1.4.2. Before hashing, the shape of the proof is checked against
 * the sizes ({@link TreeMath#inclusionProofSize}, {@link TreeMath#consistencyProofSize}) so that a
 * malformed proof fails with a precise {@link Check} rather than a root mismatch. Roots are
 * compared byte for byte (constant time).
 */
public final class ProofVerifier {
    private ProofVerifier() {
    }

    /**
     * Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose
     * root is {@code root}.
     *
     * @throws ProofException naming the failed check
     */
    public static void verifyInclusion(HashStrategy hasher, long index, long size, byte[] leafHash,
                                       List<byte[]> proof, byte[] root) throws ProofException {
        Objects.requireNonNull(root, "root");
        byte[] calculated = rootFromInclusionProof(hasher, index, size, leafHash, proof);
        if (!MessageDigest.isEqual(calculated, root)) {
            throw new ProofException(Check.ROOT_MISMATCH, "inclusion proof for leaf " + index + " of " + size
                    + " yields a different root");
        }
    }

    /**
     * The root that an inclusion proof implies: RFC 9162 §2.1.3.2 up to, not including, the final
     * comparison with the expected root.
     */
    public static byte[] rootFromInclusionProof(HashStrategy hasher, long index, long size, byte[] leafHash,
                                                List<byte[]> proof) throws ProofException {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(proof, "proof");
        if (index < 0 || size < 0) {
            throw new ProofException(Check.NEGATIVE_VALUE, "index " + index + ", size " + size);
        }
        // §2.1.3.2 step 1: "If leaf_index is greater than or equal to tree_size, then fail".
        if (index >= size) {
            throw new ProofException(Check.INDEX_OUT_OF_RANGE, "index " + index + " >= size " + size);
        }
        if (leafHash.length != hasher.size()) {
            throw new ProofException(Check.HASH_LENGTH, "leaf hash has " + leafHash.length + " bytes, want "
                    + hasher.size());
        }
        int want = TreeMath.inclusionProofSize(index, size);
        if (proof.size() != want) {
            throw new ProofException(Check.PROOF_LENGTH, "proof has " + proof.size() + " hashes, want " + want
                    + " for leaf " + index + " of " + size);
        }
        checkElements(hasher, proof);

        // Steps 2-3: fn = leaf_index, sn = tree_size - 1, r = hash.
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        // Step 4: for each p in the inclusion path.
        for (byte[] p : proof) {
            if (sn == 0) { // 4a (unreachable after the length check; kept as in the RFC)
                throw new ProofException(Check.PROOF_LENGTH, "proof longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) { // 4b: p is a left sibling
                r = hasher.hashChildren(p, r);
                if ((fn & 1) == 0) { // right edge: skip levels where this node has no sibling
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else { // p is a right sibling
                r = hasher.hashChildren(r, p);
            }
            fn >>>= 1; // 4c
            sn >>>= 1;
        }
        // Step 5: sn must be 0 (then r is compared with the root by the caller).
        if (sn != 0) {
            throw new ProofException(Check.PROOF_LENGTH, "proof shorter than the path to the root");
        }
        return r;
    }

    /**
     * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
     * {@code size1} leaves with root {@code root1} (RFC 9162 §2.1.4.2). Rules at the edges, shared
     * with the reference implementation: {@code size1 > size2} and {@code size1 == 0} fail;
     * {@code size1 == size2} succeeds iff the proof is empty and the roots are byte-equal;
     * otherwise an empty proof fails.
     *
     * @throws ProofException naming the failed check
     */
    public static void verifyConsistency(HashStrategy hasher, long size1, long size2, List<byte[]> proof,
                                         byte[] root1, byte[] root2) throws ProofException {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(root1, "root1");
        Objects.requireNonNull(root2, "root2");
        if (size1 < 0 || size2 < 0) {
            throw new ProofException(Check.NEGATIVE_VALUE, "size1 " + size1 + ", size2 " + size2);
        }
        if (size1 > size2) {
            throw new ProofException(Check.SIZE_ORDER, "size1 " + size1 + " > size2 " + size2);
        }
        if (size1 == 0) {
            throw new ProofException(Check.EMPTY_OLD_TREE, "a consistency proof from the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException(Check.PROOF_NOT_EMPTY, "sizes are equal (" + size1 + ") but the proof has "
                        + proof.size() + " hashes");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException(Check.ROOT_MISMATCH, "sizes are equal (" + size1 + ") but the roots differ");
            }
            return;
        }
        // §2.1.4.2 step 1: "If consistency_path is an empty array, stop and fail".
        if (proof.isEmpty()) {
            throw new ProofException(Check.PROOF_EMPTY, "empty proof from size " + size1 + " to " + size2);
        }
        if (root1.length != hasher.size()) {
            throw new ProofException(Check.HASH_LENGTH, "root1 has " + root1.length + " bytes, want " + hasher.size());
        }
        int want = TreeMath.consistencyProofSize(size1, size2);
        if (proof.size() != want) {
            throw new ProofException(Check.PROOF_LENGTH, "proof has " + proof.size() + " hashes, want " + want
                    + " from size " + size1 + " to " + size2);
        }
        checkElements(hasher, proof);

        // Step 2: if first_size is an exact power of 2, prepend first_hash to the path.
        List<byte[]> path = proof;
        if ((size1 & (size1 - 1)) == 0) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        // Step 3: fn = first_size - 1, sn = second_size - 1.
        long fn = size1 - 1;
        long sn = size2 - 1;
        // Step 4: if LSB(fn) is set, right-shift fn and sn equally until LSB(fn) is not set.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5: fr = sr = first value of the path.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // Step 6: for each subsequent value c.
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) { // 6a (unreachable after the length check)
                throw new ProofException(Check.PROOF_LENGTH, "proof longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) { // 6b: c is a left sibling, part of both trees
                fr = hasher.hashChildren(c, fr);
                sr = hasher.hashChildren(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else { // c is a right sibling, only in the new tree
                sr = hasher.hashChildren(sr, c);
            }
            fn >>>= 1; // 6c
            sn >>>= 1;
        }
        // Step 7: sn must be 0, fr must equal first_hash and sr second_hash.
        if (sn != 0) {
            throw new ProofException(Check.PROOF_LENGTH, "proof shorter than the path to the root");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException(Check.OLD_ROOT_MISMATCH, "proof does not reproduce the root of size " + size1);
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException(Check.ROOT_MISMATCH, "proof does not reproduce the root of size " + size2);
        }
    }

    private static void checkElements(HashStrategy hasher, List<byte[]> proof) throws ProofException {
        for (int i = 0; i < proof.size(); i++) {
            byte[] p = proof.get(i);
            if (p == null || p.length != hasher.size()) {
                throw new ProofException(Check.PROOF_ELEMENT_LENGTH, "proof[" + i + "] has "
                        + (p == null ? "no value" : p.length + " bytes") + ", want " + hasher.size());
            }
        }
    }
}
