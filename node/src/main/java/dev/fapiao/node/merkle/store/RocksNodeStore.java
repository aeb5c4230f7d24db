package dev.fapiao.node.merkle.store;

import dev.fapiao.node.merkle.HashStrategy;
import dev.fapiao.node.merkle.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.rocksdb.BackupEngine;
import org.rocksdb.BackupEngineOptions;
import org.rocksdb.BackupInfo;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Env;
import org.rocksdb.RestoreOptions;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * A {@link NodeStore} in its own RocksDB (default column family). Records (docs/merkle-log.md,
 * "Storage layout"):
 *
 * <pre>
 * 'H'                                  -> "FAPIAO-MERKLE" || 0x01 || u8 len + hash name || u8 hash size   (once, at creation)
 * 'N' || u8 level || u64 BE index      -> hash of the perfect node (level, index)              (once each)
 * 'X' || entry key                     -> entry value (the log user's records, see NodeStore.Entry)
 * </pre>
 *
 * No record is ever rewritten or deleted. The leaf count is not a record of its own: it is one
 * more than the index of the last level-0 node, found on open with one reverse seek and then
 * kept in memory. Each {@link #append} is one {@link WriteBatch} written with a synced WAL, so
 * a batch's leaves and the interior nodes they complete appear together or not at all.
 */
final class RocksNodeStore implements NodeStore {
    static final byte HEADER_KEY = 'H';
    static final byte NODE_PREFIX = 'N';
    /** Sorts after every node key, so entries never affect the size scan. */
    static final byte ENTRY_PREFIX = 'X';
    static final byte[] MAGIC = "FAPIAO-MERKLE".getBytes(StandardCharsets.US_ASCII);
    static final byte FORMAT_VERSION = 0x01;

    private final RocksDB db;
    private final Options options;
    private final LRUCache cache;
    private final WriteBufferManager memtables;
    private final BloomFilter bloom;
    private final WriteOptions syncWrites;
    private final Path dir;
    private volatile long size;

    private RocksNodeStore(Path dir, RocksDB db, Options options, LRUCache cache, WriteBufferManager memtables,
                           BloomFilter bloom) {
        this.memtables = memtables;
        this.dir = dir;
        this.db = db;
        this.options = options;
        this.cache = cache;
        this.bloom = bloom;
        this.syncWrites = new WriteOptions().setSync(true);
    }

    /**
     * Opens (creating if needed) the store in {@code dir} for logs hashed with {@code hasher}; a
     * store created with another hash function is refused.
     */
    public static RocksNodeStore open(Path dir, HashStrategy hasher) {
        return open(dir, hasher, DEFAULT_MEMORY_BUDGET);
    }

    /** The default memory budget of one store: 32 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 32L << 20;

    /**
     * As {@link #open(Path, HashStrategy)}, with block cache, index/filter blocks and memtables
     * charged to one budget of {@code memoryBudgetBytes} (memtables at most half of it).
     */
    public static RocksNodeStore open(Path dir, HashStrategy hasher, long memoryBudgetBytes) {
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be positive, was " + memoryBudgetBytes);
        }
        RocksDB.loadLibrary();
        LRUCache cache = new LRUCache(memoryBudgetBytes);
        WriteBufferManager memtables = new WriteBufferManager(memoryBudgetBytes / 2, cache);
        BloomFilter bloom = new BloomFilter(10, false);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferManager(memtables)
                .setCompressionType(CompressionType.NO_COMPRESSION) // hashes do not compress
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(bloom)
                        .setCacheIndexAndFilterBlocks(true)
                        .setPinL0FilterAndIndexBlocksInCache(true));
        RocksDB db = null;
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString());
            RocksNodeStore store = new RocksNodeStore(dir, db, options, cache, memtables, bloom);
            store.checkHeader(hasher);
            store.size = store.readSize();
            return store;
        } catch (Exception e) {
            if (db != null) {
                db.close();
            }
            options.close();
            memtables.close();
            cache.close();
            bloom.close();
            if (e instanceof MerkleStoreException m) {
                throw m;
            }
            throw new MerkleStoreException("cannot open Merkle log store in " + dir + ": " + e.getMessage(), e);
        }
    }

    static byte[] header(HashStrategy hasher) {
        byte[] name = hasher.name().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MAGIC.length + 1 + 1 + name.length + 1)
                .put(MAGIC).put(FORMAT_VERSION).put((byte) name.length).put(name).put((byte) hasher.size())
                .array();
    }

    private void checkHeader(HashStrategy hasher) throws RocksDBException {
        byte[] want = header(hasher);
        byte[] have = db.get(new byte[] {HEADER_KEY});
        if (have == null) {
            try (RocksIterator it = db.newIterator()) {
                it.seekToFirst();
                if (it.isValid()) {
                    throw new MerkleStoreException(dir + " holds data but no Merkle log header");
                }
            }
            db.put(syncWrites, new byte[] {HEADER_KEY}, want);
        } else if (!Arrays.equals(have, want)) {
            throw new MerkleStoreException(dir + " holds a Merkle log of another format or hash function (header "
                    + new String(have, StandardCharsets.ISO_8859_1) + "), not " + hasher.name());
        }
    }

    private long readSize() {
        byte[] last = key(0, Long.MAX_VALUE);
        try (RocksIterator it = db.newIterator()) {
            it.seekForPrev(last);
            if (!it.isValid()) {
                return 0;
            }
            byte[] k = it.key();
            if (k.length != 10 || k[0] != NODE_PREFIX || k[1] != 0) {
                return 0; // no level-0 node: the header sorts before 'N'
            }
            return ByteBuffer.wrap(k, 2, 8).getLong() + 1;
        }
    }

    static byte[] key(NodeId id) {
        return key(id.level(), id.index());
    }

    static byte[] key(int level, long index) {
        return ByteBuffer.allocate(10).put(NODE_PREFIX).put((byte) level).putLong(index).array();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] get(NodeId id) {
        try {
            return db.get(key(id));
        } catch (RocksDBException e) {
            throw new MerkleStoreException("cannot read node " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<byte[]> getAll(List<NodeId> ids) {
        if (ids.size() <= 1) {
            return ids.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(get(ids.get(0))));
        }
        List<byte[]> keys = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            keys.add(key(id));
        }
        try {
            return db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw new MerkleStoreException("cannot read " + ids.size() + " nodes: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(long newSize, List<Node> nodes) {
        append(newSize, nodes, List.of());
    }

    static byte[] entryKey(byte[] key) {
        byte[] k = new byte[key.length + 1];
        k[0] = ENTRY_PREFIX;
        System.arraycopy(key, 0, k, 1, key.length);
        return k;
    }

    @Override
    public byte[] getEntry(byte[] key) {
        try {
            return db.get(entryKey(key));
        } catch (RocksDBException e) {
            throw new MerkleStoreException("cannot read an entry: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> entries(byte[] prefix) {
        byte[] p = entryKey(prefix);
        List<Entry> out = new ArrayList<>();
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            for (it.seek(p); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length < p.length || !Arrays.equals(k, 0, p.length, p, 0, p.length)) {
                    break;
                }
                out.add(new Entry(Arrays.copyOfRange(k, 1, k.length), it.value()));
            }
        }
        return out;
    }

    @Override
    public synchronized void append(long newSize, List<Node> nodes, List<Entry> entries) {
        if (newSize < size) {
            throw new IllegalArgumentException("size cannot shrink: " + size + " -> " + newSize);
        }
        // The size is derived from the last leaf on reopen, so the batch must contain that leaf.
        if (newSize > size && nodes.stream().noneMatch(n -> n.id().level() == 0 && n.id().index() == newSize - 1)) {
            throw new IllegalArgumentException("batch growing the log to " + newSize + " lacks leaf " + (newSize - 1));
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (Node n : nodes) {
                batch.put(key(n.id()), n.hash());
            }
            for (Entry e : entries) {
                batch.put(entryKey(e.key()), e.value());
            }
            db.write(syncWrites, batch);
        } catch (RocksDBException e) {
            throw new MerkleStoreException("cannot append " + nodes.size() + " nodes: " + e.getMessage(), e);
        }
        size = newSize;
    }

    /** An online, incremental BackupEngine backup of this store into {@code backupDir}; returns its id. */
    int backup(Path backupDir) {
        try {
            Files.createDirectories(backupDir);
        } catch (java.io.IOException e) {
            throw new MerkleStoreException("cannot create " + backupDir + ": " + e.getMessage(), e);
        }
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo)) {
            be.createNewBackup(db, true);
            List<BackupInfo> infos = be.getBackupInfo();
            return infos.get(infos.size() - 1).backupId();
        } catch (RocksDBException e) {
            throw new MerkleStoreException("Merkle log backup into " + backupDir + " failed: " + e.getMessage(), e);
        }
    }

    /** Restores backup {@code backupId} (or the newest when negative) from {@code backupDir} into {@code dbDir}. */
    static void restore(Path backupDir, Path dbDir, int backupId) {
        RocksDB.loadLibrary();
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo);
             RestoreOptions ro = new RestoreOptions(false)) {
            Files.createDirectories(dbDir);
            if (backupId < 0) {
                be.restoreDbFromLatestBackup(dbDir.toString(), dbDir.toString(), ro);
            } else {
                be.restoreDbFromBackup(backupId, dbDir.toString(), dbDir.toString(), ro);
            }
        } catch (RocksDBException | java.io.IOException e) {
            throw new MerkleStoreException("Merkle log restore from " + backupDir + " failed: " + e.getMessage(), e);
        }
    }

    /** Visits every record in key order (diagnostics and tests). */
    public void forEachRecord(BiConsumer<byte[], byte[]> visitor) {
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(it.key(), it.value());
            }
        }
    }

    @Override
    public void close() {
        // Flush the memtable so that the next open need not replay the WAL (best effort: the
        // WAL is synced, so nothing is lost if this fails).
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo);
        } catch (RocksDBException e) {
            // ignored; see above
        }
        syncWrites.close();
        db.close();
        options.close();
        memtables.close();
        cache.close();
        bloom.close();
    }
}
