package dev.fapiao.node.merkle.store;

import dev.fapiao.node.merkle.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link NodeStore} in memory, for tests and small trees. Refuses to overwrite a node. */
final class InMemoryNodeStore implements NodeStore {
    private final ConcurrentHashMap<NodeId, byte[]> nodes = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();
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
    public void append(long newSize, List<Node> batch) {
        append(newSize, batch, List.of());
    }

    @Override
    public synchronized void append(long newSize, List<Node> batch, List<Entry> newEntries) {
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
        for (Entry e : newEntries) {
            entries.put(HexFormat.of().formatHex(e.key()), e.value().clone());
        }
        size = newSize;
    }

    @Override
    public byte[] getEntry(byte[] key) {
        byte[] v = entries.get(HexFormat.of().formatHex(key));
        return v == null ? null : v.clone();
    }

    @Override
    public List<Entry> entries(byte[] prefix) {
        String p = HexFormat.of().formatHex(prefix);
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.tailMap(p, true).entrySet()) {
            if (!e.getKey().startsWith(p)) {
                break;
            }
            out.add(new Entry(HexFormat.of().parseHex(e.getKey()), e.getValue().clone()));
        }
        return out;
    }

    /** Number of stored nodes. */
    public int nodeCount() {
        return nodes.size();
    }

    @Override
    public void close() {
    }
}
