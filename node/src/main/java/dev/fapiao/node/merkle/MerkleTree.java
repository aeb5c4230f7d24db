package dev.fapiao.node.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 §2.1 definitions, written out literally over an in-memory list of leaf hashes:
 * {@code MTH} (§2.1.1), {@code PATH} (§2.1.3.1) and {@code PROOF}/{@code SUBPROOF} (§2.1.4.1).
 * Linear time; this is the reference the stored log is tested against, and a convenience for
 * small trees. All inputs are leaf hashes ({@link HashStrategy#hashLeaf}), not leaf data.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** {@code hashLeaf} of every input, in order. */
    public static List<byte[]> leafHashes(HashStrategy hasher, List<byte[]> leafData) {
        List<byte[]> out = new ArrayList<>(leafData.size());
        for (byte[] d : leafData) {
            out.add(hasher.hashLeaf(d));
        }
        return out;
    }

    /** {@code MTH(D[n])} of the whole list. */
    public static byte[] rootHash(HashStrategy hasher, List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? hasher.emptyRoot() : mth(hasher, leafHashes, 0, leafHashes.size());
    }

    /** {@code MTH(D[0:size])}, the root of the tree of the first {@code size} leaves. */
    public static byte[] rootHash(HashStrategy hasher, List<byte[]> leafHashes, int size) {
        return rootHash(hasher, leafHashes.subList(0, size));
    }

    /** {@code MTH(D[lo:hi])} for {@code lo < hi}. */
    static byte[] mth(HashStrategy hasher, List<byte[]> d, int lo, int hi) {
        int n = hi - lo;
        if (n == 1) {
            return d.get(lo);
        }
        int k = (int) TreeMath.split(n);
        return hasher.hashChildren(mth(hasher, d, lo, lo + k), mth(hasher, d, lo + k, hi));
    }

    /** {@code PATH(index, D[n])}: the audit path of leaf {@code index} in the tree of all leaves. */
    public static List<byte[]> inclusionProof(HashStrategy hasher, List<byte[]> leafHashes, int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("index " + index + " not in a tree of size " + leafHashes.size());
        }
        List<byte[]> out = new ArrayList<>();
        path(hasher, leafHashes, index, 0, leafHashes.size(), out);
        return out;
    }

    // PATH(m, D[n]) = {} for n = 1; PATH(m, D[0:k]) : MTH(D[k:n]) for m < k;
    // PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k.
    private static void path(HashStrategy h, List<byte[]> d, int m, int lo, int hi, List<byte[]> out) {
        int n = hi - lo;
        if (n == 1) {
            return;
        }
        int k = (int) TreeMath.split(n);
        if (m < k) {
            path(h, d, m, lo, lo + k, out);
            out.add(mth(h, d, lo + k, hi));
        } else {
            path(h, d, m - k, lo + k, hi, out);
            out.add(mth(h, d, lo, lo + k));
        }
    }

    /**
     * {@code PROOF(size1, D[n])}: the consistency proof from the tree of the first {@code size1}
     * leaves to the tree of all of them. Empty when {@code size1 == n}; {@code size1 == 0} is
     * refused (RFC 9162 defines the proof for {@code 0 < m < n}).
     */
    public static List<byte[]> consistencyProof(HashStrategy hasher, List<byte[]> leafHashes, int size1) {
        if (size1 <= 0 || size1 > leafHashes.size()) {
            throw new IllegalArgumentException("need 0 < size1 <= " + leafHashes.size() + ", got " + size1);
        }
        List<byte[]> out = new ArrayList<>();
        if (size1 < leafHashes.size()) {
            subproof(hasher, leafHashes, size1, 0, leafHashes.size(), true, out);
        }
        return out;
    }

    // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
    // SUBPROOF(m, D[0:k], b) : MTH(D[k:n]) for m <= k; SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]) for m > k.
    private static void subproof(HashStrategy h, List<byte[]> d, int m, int lo, int hi, boolean b, List<byte[]> out) {
        int n = hi - lo;
        if (m == n) {
            if (!b) {
                out.add(mth(h, d, lo, hi));
            }
            return;
        }
        int k = (int) TreeMath.split(n);
        if (m <= k) {
            subproof(h, d, m, lo, lo + k, b, out);
            out.add(mth(h, d, lo + k, hi));
        } else {
            subproof(h, d, m - k, lo + k, hi, false, out);
            out.add(mth(h, d, lo, lo + k));
        }
    }
}
