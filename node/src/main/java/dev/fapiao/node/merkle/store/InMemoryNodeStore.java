package dev.fapiao.node.merkle.store;

import dev.fapiao.node.merkle.NodeId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NodeStore} in memory, for tests and small trees. Refuses to overwrite a node. */
public final class InMemoryNodeStore implements NodeStore {
    private final ConcurrentHashMap<NodeId, byte[]> nodes = new ConcurrentHashMap<>();
    private volatile long size;

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] get(NodeId id) {
        byte[] h = nodes.get(id);
        return h == null ? null : h.clone();
    }

    @Override
    public synchronized void append(long newSize, List<Node> batch) {
        if (newSize < size) {
            throw new IllegalArgumentException("size cannot shrink: " + size + " -> " + newSize);
        }
        for (Node n : batch) {
            if (nodes.containsKey(n.id())) {
                throw new MerkleStoreException("node " + n.id() + " already stored"
                        + (Arrays.equals(nodes.get(n.id()), n.hash()) ? "" : " with a different hash"));
            }
        }
        for (Node n : batch) {
            nodes.put(n.id(), n.hash().clone());
        }
        size = newSize;
    }

    /** Number of stored nodes. */
    public int nodeCount() {
        return nodes.size();
    }

    @Override
    public void close() {
    }
}
