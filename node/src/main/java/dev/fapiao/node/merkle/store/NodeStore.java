package dev.fapiao.node.merkle.store;

import dev.fapiao.node.merkle.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage of a Merkle log: the hashes of perfect nodes by (level, index), and the number of
 * leaves. Nodes are only ever added, never changed or removed; {@link #append} is atomic (all
 * or nothing) and, for a persistent store, durable when it returns. Reads may run concurrently
 * with each other and with one {@code append}; {@link MerkleLog} serialises appends.
 */
public interface NodeStore extends AutoCloseable {

    /** A perfect node and its hash. */
    record Node(NodeId id, byte[] hash) {
    }

    /** Number of leaves committed. */
    long size();

    /** The hash of a perfect node, or {@code null} if it is not stored. */
    byte[] get(NodeId id);

    /** {@link #get} for several nodes, in order ({@code null} for missing ones). */
    default List<byte[]> getAll(List<NodeId> ids) {
        List<byte[]> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            out.add(get(id));
        }
        return out;
    }

    /**
     * Adds {@code nodes}, none of which may exist yet, and sets the size to {@code newSize},
     * atomically. {@code newSize} must be at least the current size.
     */
    void append(long newSize, List<Node> nodes);

    @Override
    void close();
}
