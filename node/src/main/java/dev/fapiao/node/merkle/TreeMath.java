package dev.fapiao.node.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Index arithmetic of RFC 9162 §2.1, free of hashing and storage: which subtrees make up an
 * inclusion proof (§2.1.3.1, {@code PATH}) or a consistency proof (§2.1.4.1, {@code SUBPROOF}),
 * which perfect nodes cover a range, and how long a well-formed proof is. A store turns the
 * answers into hashes with {@link #subtreeHash}; the verifier uses the lengths to reject a
 * malformed proof before hashing anything.
 */
public final class TreeMath {
    private TreeMath() {
    }

    /** The largest power of two strictly smaller than {@code n}, for {@code n > 1} (RFC 9162 §2.1.1: {@code k < n <= 2k}). */
    public static long split(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("split needs n > 1, got " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    /**
     * The subtrees whose hashes form {@code PATH(index, D[size])} (RFC 9162 §2.1.3.1), in proof
     * order: from the leaf level up. At most one of them (the first right-hand sibling met on the
     * way down) is not perfect.
     */
    public static List<Subtree> inclusionPath(long index, long size) {
        if (size <= 0 || index < 0 || index >= size) {
            throw new IllegalArgumentException("need 0 <= index < size, got index " + index + ", size " + size);
        }
        List<Subtree> topDown = new ArrayList<>(64);
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = split(hi - lo);
            if (index < lo + k) { // PATH(m, D[0:k]) : MTH(D[k:n])
                topDown.add(new Subtree(lo + k, hi));
                hi = lo + k;
            } else { // PATH(m - k, D[k:n]) : MTH(D[0:k])
                topDown.add(new Subtree(lo, lo + k));
                lo = lo + k;
            }
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /**
     * The subtrees whose hashes form {@code PROOF(size1, D[size2]) = SUBPROOF(size1, D[size2], true)}
     * (RFC 9162 §2.1.4.1), in proof order. Empty when {@code size1 == size2}; requires
     * {@code 0 < size1 <= size2} (a proof from the empty tree is meaningless).
     */
    public static List<Subtree> consistencyPath(long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("need 0 < size1 <= size2, got " + size1 + ", " + size2);
        }
        List<Subtree> topDown = new ArrayList<>(64);
        long lo = 0;
        long hi = size2;
        boolean b = true; // true while the subtree is still the root of the old tree's path
        while (true) {
            long n = hi - lo;
            long m = size1 - lo;
            if (m == n) { // SUBPROOF(m, D[m], b): {} if b, else {MTH(D[m])}
                if (!b) {
                    topDown.add(new Subtree(lo, hi));
                }
                break;
            }
            long k = split(n);
            if (m <= k) { // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
                topDown.add(new Subtree(lo + k, hi));
                hi = lo + k;
            } else { // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
                topDown.add(new Subtree(lo, lo + k));
                lo = lo + k;
                b = false;
            }
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /**
     * The perfect nodes covering {@code [begin, end)}, left to right: at each step the largest
     * aligned power-of-two block that fits. For the range of a tree node (any {@link Subtree} a
     * proof uses, or {@code [0, n)}) this is the node's binary decomposition, largest first.
     */
    public static List<NodeId> perfectCover(long begin, long end) {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("bad range [" + begin + ", " + end + ")");
        }
        List<NodeId> out = new ArrayList<>(Long.SIZE);
        long lo = begin;
        while (lo < end) {
            int level = lo == 0 ? 62 : Long.numberOfTrailingZeros(lo);
            level = Math.min(level, 63 - Long.numberOfLeadingZeros(end - lo));
            out.add(new NodeId(level, lo >>> level));
            lo += 1L << level;
        }
        return out;
    }

    /**
     * The Merkle Tree Hash of a tree node from the hashes of its perfect cover (as returned by
     * {@link #perfectCover}, left to right): folded from the right, {@code H(c0, H(c1, ... cN))},
     * which is MTH because each left part is the largest power of two below the remaining size.
     */
    public static byte[] foldCover(HashStrategy hasher, List<byte[]> coverHashes) {
        if (coverHashes.isEmpty()) {
            throw new IllegalArgumentException("empty cover");
        }
        byte[] acc = coverHashes.get(coverHashes.size() - 1);
        for (int i = coverHashes.size() - 2; i >= 0; i--) {
            acc = hasher.hashChildren(coverHashes.get(i), acc);
        }
        return acc;
    }

    /** MTH of a proof subtree given a way to read perfect node hashes. */
    public static byte[] subtreeHash(HashStrategy hasher, Subtree s, Function<NodeId, byte[]> perfectNode) {
        List<NodeId> cover = s.perfectCover();
        List<byte[]> hashes = new ArrayList<>(cover.size());
        for (NodeId id : cover) {
            hashes.add(perfectNode.apply(id));
        }
        return foldCover(hasher, hashes);
    }

    /**
     * The length of a well-formed inclusion proof for {@code 0 <= index < size}: the levels below
     * the point where the paths to {@code index} and {@code size - 1} meet, plus one left
     * sibling for each 1-bit of {@code index} above it.
     */
    public static int inclusionProofSize(long index, long size) {
        if (size <= 0 || index < 0 || index >= size) {
            throw new IllegalArgumentException("need 0 <= index < size, got index " + index + ", size " + size);
        }
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        int border = Long.bitCount(index >>> inner);
        return inner + border;
    }

    /**
     * The length of a well-formed consistency proof for {@code 0 < size1 < size2} (0 when
     * {@code size1 == size2}): the inclusion proof of leaf {@code size1 - 1} in {@code size2},
     * minus the levels inside the largest perfect subtree ending at {@code size1}, plus that
     * subtree's hash unless it is the whole old tree ({@code size1} a power of two).
     */
    public static int consistencyProofSize(long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("need 0 < size1 <= size2, got " + size1 + ", " + size2);
        }
        if (size1 == size2) {
            return 0;
        }
        int inner = 64 - Long.numberOfLeadingZeros((size1 - 1) ^ (size2 - 1));
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        int start = (size1 & (size1 - 1)) == 0 ? 0 : 1;
        return start + (inner - shift) + border;
    }
}
