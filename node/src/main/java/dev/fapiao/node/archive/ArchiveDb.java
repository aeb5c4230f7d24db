package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.MemoryUsage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open RocksDB instance with its column families (layout in docs/archive.md), and the
 * read side every store shares: reads hold the lifecycle's read lock so that {@link #close}
 * waits for them and a read after close fails cleanly.
 */
final class ArchiveDb {

    private static final Logger log = LoggerFactory.getLogger(ArchiveDb.class);

    static final int SCHEMA_VERSION = 1;
    static final String META_SCHEMA = "archive.schema";
    /** Documents from this size on are stored in blob files (almost all originals: 2-50 KB). */
    static final long MIN_BLOB_BYTES = 4 * 1024;

    private final ArchiveOptions options;
    /** The archive filesystem, found on first use (the path does not change filesystem while open). */
    private volatile FileStore fileStore;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> handles;
    private final WriteOptions writeOptions;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final CompressionType documentCompression;
    private volatile boolean closed;

    static ArchiveDb open(ArchiveOptions options) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(options.path());
        } catch (IOException e) {
            throw new ArchiveException("cannot create archive directory " + options.path() + ": " + e.getMessage(), e);
        }
        try {
            return new ArchiveDb(options, rocks(options.documentCompression()));
        } catch (RocksDBException e) {
            if (options.documentCompression() == ArchiveOptions.Compression.ZSTD && mentionsCompression(e)) {
                log.warn("ZSTD is not available in the RocksDB native library; documents use LZ4");
                try {
                    return new ArchiveDb(options, CompressionType.LZ4_COMPRESSION);
                } catch (RocksDBException e2) {
                    throw openFailed(options, e2);
                }
            }
            throw openFailed(options, e);
        }
    }

    private static boolean mentionsCompression(RocksDBException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase();
        return m.contains("compression") || m.contains("zstd");
    }

    private static ArchiveException openFailed(ArchiveOptions options, RocksDBException e) {
        return new ArchiveException("cannot open archive at " + options.path() + ": " + e.getMessage(), e);
    }

    private static CompressionType rocks(ArchiveOptions.Compression c) {
        return switch (c) {
            case NONE -> CompressionType.NO_COMPRESSION;
            case LZ4 -> CompressionType.LZ4_COMPRESSION;
            case ZSTD -> CompressionType.ZSTD_COMPRESSION;
        };
    }

    private ArchiveDb(ArchiveOptions options, CompressionType documentCompression) throws RocksDBException {
        this.options = options;
        this.documentCompression = documentCompression;
        boolean ok = false;
        try {
            // One budget: memtables are charged to the block cache (index and filter blocks live there
            // too), so their sum stays within memoryBudgetBytes instead of growing per column family.
            Cache cache = track(new LRUCache(options.memoryBudgetBytes()));
            WriteBufferManager memtables = track(new WriteBufferManager(options.memoryBudgetBytes() / 2, cache));
            BloomFilter bloom = track(new BloomFilter(10));
            BlockBasedTableConfig recordTable = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(bloom).setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            BlockBasedTableConfig docTable = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(bloom).setCacheIndexAndFilterBlocks(true).setBlockSize(64 * 1024);
            CompressionType recordCompression = rocks(options.recordCompression());

            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            // default is unused, but gets the shared cache too: otherwise RocksDB gives it a cache of its own
            ColumnFamilyOptions defaultOptions = track(new ColumnFamilyOptions().setTableFormatConfig(recordTable));
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions));
            for (String name : Cf.ALL) {
                // smaller memtables than RocksDB's 64 MiB default, so a flush frees the budget in small steps
                ColumnFamilyOptions cfo = track(new ColumnFamilyOptions()
                        .setWriteBufferSize(Math.max(1L << 20, options.memoryBudgetBytes() / 8)));
                if (name.equals(Cf.DOCUMENTS)) {
                    // Documents go to blob files (key-value separation), compressed once there. They are
                    // written once and deleted only by disposal, so blob GC stays off: on, it relocated
                    // the oldest quarter of the blobs in every compaction (profiled: 4 GB reread and
                    // rewritten in a 40-minute run). Disposal's space comes back by reclaimDocumentSpace.
                    cfo.setTableFormatConfig(docTable).setCompressionType(documentCompression)
                            .setEnableBlobFiles(true).setMinBlobSize(MIN_BLOB_BYTES)
                            .setBlobCompressionType(documentCompression).setEnableBlobGarbageCollection(false);
                } else {
                    cfo.setTableFormatConfig(recordTable).setCompressionType(recordCompression);
                }
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfo));
            }
            DBOptions dbo = track(new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                    .setKeepLogFileNum(5).setMaxTotalWalSize(256L << 20)
                    .setWriteBufferManager(memtables)
                    // with an SstFileManager RocksDB resumes by itself from an out-of-space error once space returns
                    .setSstFileManager(track(new SstFileManager(Env.getDefault()))));
            List<ColumnFamilyHandle> list = new ArrayList<>();
            RocksDB opened = RocksDB.open(dbo, options.path().toString(), descriptors, list);
            // Close order is reverse: handles before db before options.
            track(opened);
            list.forEach(this::track);
            this.db = opened;
            Map<String, ColumnFamilyHandle> map = new HashMap<>();
            for (int i = 0; i < Cf.ALL.size(); i++) {
                map.put(Cf.ALL.get(i), list.get(i + 1));
            }
            this.handles = map;
            this.writeOptions = track(new WriteOptions().setSync(options.syncWrites()));
            initSchema();
            ok = true;
        } finally {
            if (!ok) {
                closeResources();
            }
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                if (r instanceof RocksDB rdb) {
                    rdb.closeE();
                } else {
                    r.close();
                }
            } catch (Exception e) {
                log.warn("closing archive resource: {}", e.getMessage());
            }
        }
    }

    private void initSchema() throws RocksDBException {
        byte[] key = Codec.utf8(META_SCHEMA);
        byte[] v = db.get(handles.get(Cf.META), key);
        if (v == null) {
            try (WriteOptions wo = new WriteOptions().setSync(true)) {
                db.put(handles.get(Cf.META), wo, key, Codec.frame(key, Codec.u64(SCHEMA_VERSION)));
            }
            return;
        }
        long version = Codec.u64(Codec.unframe(Cf.META, key, v));
        if (version != SCHEMA_VERSION) {
            throw new ArchiveException("archive at " + options.path() + " has schema version " + version
                    + "; this node supports " + SCHEMA_VERSION);
        }
    }

    ArchiveOptions options() {
        return options;
    }

    /** Usable bytes of the archive's filesystem (Long.MAX_VALUE when it cannot be asked). */
    long usableBytes() {
        try {
            FileStore store = fileStore;
            if (store == null) {
                // finding the store reads the mount table: 1.6 % of the gateway's CPU when done per group commit
                store = Files.getFileStore(options.path());
                fileStore = store;
            }
            return store.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Whether RocksDB failed for lack of space (ENOSPC), directly or as the database's background error. */
    static boolean noSpace(Throwable e) {
        if (e instanceof RocksDBException r && r.getStatus() != null
                && r.getStatus().getSubCode() == Status.SubCode.NoSpace) {
            return true;
        }
        return String.valueOf(e.getMessage()).contains("No space left on device");
    }

    CompressionType documentCompression() {
        return documentCompression;
    }

    /** Closes the database once running reads are done; later reads fail with "archive is closed". */
    void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
            closeResources();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    interface Read<T> {
        T run() throws RocksDBException;
    }

    /** Runs {@code r} while the database is open. */
    <T> T read(Read<T> r) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new ArchiveException("archive is closed");
            }
            return r.run();
        } catch (RocksDBException e) {
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption) {
                // a damaged SST block or blob record (RocksDB's own checksums): reported, never served
                log.error("archive file corruption detected: {}", e.getMessage());
                throw new CorruptedRecordException("(rocksdb)", options.path().toString(), e.getMessage());
            }
            throw new ArchiveException("archive read failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The raw stored value; call inside {@link #read} (or on the writer thread). */
    byte[] get(String cf, byte[] key) throws RocksDBException {
        return db.get(handles.get(cf), key);
    }

    /** A framed counter, 0 when absent; call inside {@link #read}. */
    long counter(String cf, byte[] key) throws RocksDBException {
        byte[] v = get(cf, key);
        return v == null ? 0 : Codec.u64(Codec.unframe(cf, key, v));
    }

    RocksIterator iterator(String cf) {
        return db.newIterator(handles.get(cf));
    }

    interface Decoder<T> {
        T decode(byte[] key, byte[] payload);
    }

    /** Framed values of a u64-keyed family with key above {@code afterSeq}, in order, at most {@code limit}. */
    <T> List<T> scanSeq(String cf, long afterSeq, int limit, Decoder<T> decoder) {
        return read(() -> {
            List<T> out = new ArrayList<>();
            if (afterSeq == Long.MAX_VALUE) {
                return out;
            }
            try (RocksIterator it = iterator(cf)) {
                for (it.seek(Codec.u64(Math.max(0, afterSeq + 1))); it.isValid() && out.size() < limit; it.next()) {
                    byte[] key = it.key();
                    out.add(decoder.decode(key, Codec.unframe(cf, key, it.value())));
                }
            }
            return out;
        });
    }

    /** The writer's synced (per options) write of one group. */
    void write(WriteBatch batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    void batchPut(WriteBatch batch, String cf, byte[] key, byte[] value) throws RocksDBException {
        batch.put(handles.get(cf), key, value);
    }

    void batchDelete(WriteBatch batch, String cf, byte[] key) throws RocksDBException {
        batch.delete(handles.get(cf), key);
    }

    MemoryUsage memoryUsage() {
        return read(() -> new MemoryUsage(options.memoryBudgetBytes(),
                db.getLongProperty("rocksdb.block-cache-usage"),
                db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables"),
                db.getAggregatedLongProperty("rocksdb.estimate-table-readers-mem")));
    }

    /**
     * Compacts the documents with blob garbage collection over every blob file, so the blobs of
     * deleted documents leave the disk; then GC is off again. Runs on the caller's thread (a full
     * rewrite of the documents' SST index, and of every blob file that holds garbage).
     */
    void reclaimDocumentSpace() throws RocksDBException {
        ColumnFamilyHandle docs = handles.get(Cf.DOCUMENTS);
        db.setOptions(docs, MutableColumnFamilyOptions.builder().setEnableBlobGarbageCollection(true)
                .setBlobGarbageCollectionAgeCutoff(1.0).build());
        try (CompactRangeOptions all = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            db.compactRange(docs, null, null, all);
        } finally {
            db.setOptions(docs, MutableColumnFamilyOptions.builder().setEnableBlobGarbageCollection(false).build());
        }
    }

    /** The RocksDB instance, for backups (and tests); call inside {@link #read}. */
    RocksDB rocks() {
        return db;
    }

    ColumnFamilyHandle handle(String cf) {
        return handles.get(cf);
    }
}
