package dev.fapiao.node.merkle;

import java.util.List;

/**
 * {@code D[begin:end]}, a node of the RFC 9162 tree over the first {@code n >= end} leaves: the
 * unit of which proofs are made. Every proof element is the Merkle Tree Hash of one such range.
 * It is perfect when {@code end - begin} is a power of two; otherwise (only on the right edge
 * of a tree) it is an "ephemeral" node whose hash is recomputed from its {@link #perfectCover()}.
 */
public record Subtree(long begin, long end) {
    public Subtree {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("bad subtree [" + begin + ", " + end + ")");
        }
    }

    public long size() {
        return end - begin;
    }

    public boolean isPerfect() {
        long s = size();
        return (s & (s - 1)) == 0;
    }

    /** The perfect nodes that cover this range, left to right (largest first). */
    public List<NodeId> perfectCover() {
        return TreeMath.perfectCover(begin, end);
    }

    @Override
    public String toString() {
        return "D[" + begin + ":" + end + "]";
    }
}
