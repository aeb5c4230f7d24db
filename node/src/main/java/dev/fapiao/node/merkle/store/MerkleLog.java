package dev.fapiao.node.merkle.store;

import dev.fapiao.node.merkle.HashStrategy;
import dev.fapiao.node.merkle.NodeId;
import dev.fapiao.node.merkle.Subtree;
import dev.fapiao.node.merkle.TreeMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An append-only RFC 9162 Merkle log over a {@link NodeStore}.
 *
 * <p>Every perfect subtree's hash is stored once, under (level, index), when its last leaf is
 * appended; nothing stored is ever modified. Appending a leaf writes its leaf hash and the
 * perfect nodes it completes (1 + trailing ones of the index: amortised 2, at most 1 + log2 n),
 * computed from the in-memory "compact range" (the perfect nodes covering {@code [0, n)}, one
 * per 1-bit of n) without any read. A root of any size, or any node of a proof that is not
 * perfect, is folded from at most log2 n + 1 stored perfect nodes, so proofs cost O(log n) reads
 * (one multi-get).
 *
 * <p>Thread-safety: appends are serialised; reads run concurrently with each other and with
 * an append, and see the log as of the last completed append. {@link #close} waits for running
 * operations.
 */
public final class MerkleLog implements AutoCloseable {
    private final HashStrategy hasher;
    private final NodeStore store;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;
    /** The committed state, replaced (never mutated) by each append. */
    private volatile Frontier frontier;

    /** Size and the hashes of the perfect nodes covering [0, size), largest first. */
    private record Frontier(long size, List<NodeId> ids, List<byte[]> hashes) {
    }

    private MerkleLog(HashStrategy hasher, NodeStore store) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.store = Objects.requireNonNull(store, "store");
        long size = store.size();
        List<NodeId> ids = TreeMath.perfectCover(0, size);
        List<byte[]> hashes = store.getAll(ids);
        for (int i = 0; i < ids.size(); i++) {
            byte[] h = hashes.get(i);
            if (h == null || h.length != hasher.size()) {
                throw new MerkleStoreException("corrupt log of size " + size + ": node " + ids.get(i)
                        + (h == null ? " missing" : " has " + h.length + " bytes"));
            }
        }
        this.frontier = new Frontier(size, List.copyOf(ids), List.copyOf(hashes));
    }

    /** Opens (creating if needed) a log in its own RocksDB in {@code dir}. */
    public static MerkleLog open(Path dir, HashStrategy hasher) {
        return open(dir, hasher, RocksNodeStore.DEFAULT_MEMORY_BUDGET);
    }

    /** As {@link #open(Path, HashStrategy)}, its RocksDB memory (cache and memtables) within {@code memoryBudgetBytes}. */
    public static MerkleLog open(Path dir, HashStrategy hasher, long memoryBudgetBytes) {
        RocksNodeStore store = RocksNodeStore.open(dir, hasher, memoryBudgetBytes);
        try {
            return new MerkleLog(hasher, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A log over the given store (which it closes on {@link #close}). */
    public static MerkleLog over(NodeStore store, HashStrategy hasher) {
        return new MerkleLog(hasher, store);
    }

    /** A log in memory. */
    public static MerkleLog inMemory(HashStrategy hasher) {
        return new MerkleLog(hasher, new InMemoryNodeStore());
    }

    public HashStrategy hasher() {
        return hasher;
    }

    /** Number of leaves. */
    public long size() {
        return frontier.size();
    }

    /** Appends one leaf (durably) and returns its index. */
    public long append(byte[] leafData) {
        return appendAll(List.of(leafData));
    }

    /**
     * Appends the leaves in order, in one atomic (and, on RocksDB, synced) write, and returns the
     * index of the first. An empty list changes nothing and returns the current size.
     */
    public long appendAll(List<byte[]> leaves) {
        return appendAll(leaves, List.of());
    }

    /**
     * {@link #appendAll(List)} that also writes the store entries {@code entries} (e.g. the
     * caller's cursor and index) in the same atomic write. With no leaves, writes only the entries.
     */
    public long appendAll(List<byte[]> leaves, List<NodeStore.Entry> entries) {
        Objects.requireNonNull(leaves, "leaves");
        Objects.requireNonNull(entries, "entries");
        for (byte[] leaf : leaves) {
            Objects.requireNonNull(leaf, "leaf");
        }
        closeLock.readLock().lock();
        appendLock.lock();
        try {
            ensureOpen();
            Frontier f = frontier;
            if (leaves.isEmpty()) {
                if (!entries.isEmpty()) {
                    store.append(f.size(), List.of(), entries);
                }
                return f.size();
            }
            // Work on the compact range as a stack: push each leaf, merge equal-level neighbours.
            List<NodeId> ids = new ArrayList<>(f.ids());
            List<byte[]> hashes = new ArrayList<>(f.hashes());
            List<NodeStore.Node> writes = new ArrayList<>(leaves.size() * 2 + 64);
            long n = f.size();
            for (byte[] leaf : leaves) {
                NodeId id = new NodeId(0, n);
                byte[] h = hasher.hashLeaf(leaf);
                writes.add(new NodeStore.Node(id, h));
                while (!ids.isEmpty() && ids.get(ids.size() - 1).level() == id.level()) {
                    int last = ids.size() - 1;
                    byte[] left = hashes.remove(last);
                    ids.remove(last);
                    id = id.parent();
                    h = hasher.hashChildren(left, h);
                    writes.add(new NodeStore.Node(id, h));
                }
                ids.add(id);
                hashes.add(h);
                n++;
            }
            if (entries.isEmpty()) {
                store.append(n, writes);
            } else {
                store.append(n, writes, entries);
            }
            frontier = new Frontier(n, List.copyOf(ids), List.copyOf(hashes));
            return f.size();
        } finally {
            appendLock.unlock();
            closeLock.readLock().unlock();
        }
    }

    /** The value of a store entry written with {@link #appendAll(List, List)}, or {@code null}. */
    public byte[] entry(byte[] key) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            return store.getEntry(key);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** The store entries whose key starts with {@code prefix}, in key order. */
    public List<NodeStore.Entry> entries(byte[] prefix) {
        closeLock.readLock().lock();
        try {
            ensureOpen();
            return store.entries(prefix);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** The current root, {@code MTH(D[size])} (the empty-tree hash for an empty log). */
    public byte[] root() {
        Frontier f = frontier;
        if (f.size() == 0) {
            return hasher.emptyRoot();
        }
        return TreeMath.foldCover(hasher, f.hashes());
    }

    /** The root the log had at {@code size} leaves, {@code 0 <= size <= size()}. */
    public byte[] root(long size) {
        long current = frontier.size();
        if (size < 0 || size > current) {
            throw new IllegalArgumentException("size " + size + " not in [0, " + current + "]");
        }
        if (size == 0) {
            return hasher.emptyRoot();
        }
        return hashesOf(List.of(new Subtree(0, size))).get(0);
    }

    /** The leaf hash ({@code hashLeaf(data)}) at {@code index < size()}. */
    public byte[] leafHash(long index) {
        long current = frontier.size();
        if (index < 0 || index >= current) {
            throw new IllegalArgumentException("index " + index + " not in [0, " + current + ")");
        }
        return read(List.of(new NodeId(0, index))).get(0);
    }

    /**
     * The inclusion proof ({@code PATH}, RFC 9162 §2.1.3.1) of leaf {@code index} in the tree of
     * {@code size} leaves, {@code 0 <= index < size <= size()}: hashes from the leaf level up.
     */
    public List<byte[]> inclusionProof(long index, long size) {
        long current = frontier.size();
        if (size <= 0 || size > current || index < 0 || index >= size) {
            throw new IllegalArgumentException("need 0 <= index < size <= " + current + ", got index " + index
                    + ", size " + size);
        }
        return hashesOf(TreeMath.inclusionPath(index, size));
    }

    /**
     * The consistency proof ({@code PROOF}, RFC 9162 §2.1.4.1) from {@code size1} to {@code size2},
     * {@code 0 < size1 <= size2 <= size()}; empty when the sizes are equal.
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        long current = frontier.size();
        if (size1 <= 0 || size1 > size2 || size2 > current) {
            throw new IllegalArgumentException("need 0 < size1 <= size2 <= " + current + ", got " + size1 + ", "
                    + size2);
        }
        return hashesOf(TreeMath.consistencyPath(size1, size2));
    }

    /** The MTH of each subtree, from one multi-get of all their perfect covers. */
    private List<byte[]> hashesOf(List<Subtree> subtrees) {
        List<NodeId> all = new ArrayList<>();
        int[] ends = new int[subtrees.size()];
        for (int i = 0; i < subtrees.size(); i++) {
            all.addAll(subtrees.get(i).perfectCover());
            ends[i] = all.size();
        }
        List<byte[]> nodes = read(all);
        List<byte[]> out = new ArrayList<>(subtrees.size());
        int from = 0;
        for (int i = 0; i < subtrees.size(); i++) {
            out.add(TreeMath.foldCover(hasher, nodes.subList(from, ends[i])));
            from = ends[i];
        }
        return out;
    }

    private List<byte[]> read(List<NodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        closeLock.readLock().lock();
        try {
            ensureOpen();
            List<byte[]> hashes = store.getAll(ids);
            for (int i = 0; i < ids.size(); i++) {
                if (hashes.get(i) == null) {
                    throw new MerkleStoreException("node " + ids.get(i) + " missing from a log of size "
                            + frontier.size());
                }
            }
            return hashes;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Merkle log is closed");
        }
    }

    /**
     * Online backup of a RocksDB-backed log into {@code backupDir} (RocksDB BackupEngine, incremental);
     * returns the backup id. The caller keeps appends out meanwhile if it needs a known size.
     */
    public int backup(Path backupDir) {
        if (!(store instanceof RocksNodeStore rocks)) {
            throw new IllegalStateException("only a RocksDB-backed Merkle log can be backed up");
        }
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("Merkle log is closed");
            }
            return rocks.backup(backupDir);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** Restores the newest backup in {@code backupDir} (see {@link #backup}) into {@code dbDir}, which must not be open. */
    public static void restore(Path backupDir, Path dbDir) {
        RocksNodeStore.restore(backupDir, dbDir, -1);
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                store.close();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }
}
