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

    /**
     * A record the log's user keeps next to the nodes (e.g. a consumer's cursor, an index of
     * leaves), in its own key space: written in the same atomic batch as an {@link #append}, so a
     * crash never separates it from the leaves it describes. Unlike nodes, an entry may be
     * overwritten by a later append.
     */
    record Entry(byte[] key, byte[] value) {
        public Entry {
            if (key == null || key.length == 0 || value == null) {
                throw new IllegalArgumentException("entry key must be non-empty and value non-null");
            }
        }
    }

    /**
     * {@link #append(long, List)} that also writes {@code entries}, all atomically. Stores that keep
     * no entries refuse a non-empty list.
     */
    default void append(long newSize, List<Node> nodes, List<Entry> entries) {
        if (!entries.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no entries");
        }
        append(newSize, nodes);
    }

    /** The value of an entry, or {@code null}. */
    default byte[] getEntry(byte[] key) {
        return null;
    }

    /** The entries whose key starts with {@code prefix}, in key order (unsigned bytes). */
    default List<Entry> entries(byte[] prefix) {
        return List.of();
    }

    @Override
    void close();
}
