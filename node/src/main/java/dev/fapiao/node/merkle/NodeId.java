package dev.fapiao.node.merkle;

/**
 * A perfect (complete) subtree of the tree: the node at {@code level} (0 = leaves) and
 * {@code index} (0-based, left to right on that level), covering leaves
 * {@code [index * 2^level, (index + 1) * 2^level)}. These are the nodes of RFC 9162 §2.1 whose
 * hash never changes once the log has grown past them.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("level out of range: " + level);
        }
        if (index < 0 || (level > 0 && index > (Long.MAX_VALUE >>> level))) {
            throw new IllegalArgumentException("index out of range: " + index + " at level " + level);
        }
    }

    /** First leaf covered (inclusive). */
    public long begin() {
        return index << level;
    }

    /** Last leaf covered (exclusive). */
    public long end() {
        return (index + 1) << level;
    }

    public NodeId parent() {
        return new NodeId(level + 1, index >>> 1);
    }

    public NodeId sibling() {
        return new NodeId(level, index ^ 1);
    }

    @Override
    public String toString() {
        return "(" + level + "," + index + ")";
    }
}
