package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;
import org.rocksdb.BackupEngine;
import org.rocksdb.BackupEngineOptions;
import org.rocksdb.BackupInfo;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.RestoreOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The RocksDB archive. One writer thread applies every mutation (group commit). */
final class RocksArchive implements Archive {

    private static final Logger log = LoggerFactory.getLogger(RocksArchive.class);

    static final int SCHEMA_VERSION = 1;
    static final String RESERVED_META_PREFIX = "archive.";
    static final String META_SCHEMA = "archive.schema";
    static final String META_OUTBOX_SEQ = "archive.seq.outbox";
    static final String META_AUDIT_SEQ = "archive.seq.audit";
    static final String META_OUTBOX_SIZE = "archive.count.outbox";
    static final String META_STATUS_COUNT = "archive.count.status.";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID_CHARS = Pattern.compile("[0-9A-Za-z._-]{1,128}");
    private static final byte[] DELETED = new byte[0];
    private static final String SYSTEM = "system";

    private final ArchiveOptions options;
    private final Deque<AutoCloseable> resources;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> handles;
    private final WriteOptions writeOptions;

    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingPuts = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Object submitLock = new Object();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Thread writer;
    private final ExecutorService completer;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile long lastOutboxSeq;
    private volatile long outboxSize;

    // ================================================================== open / close

    static RocksArchive open(ArchiveOptions options) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(options.path());
        } catch (IOException e) {
            throw new ArchiveException("cannot create archive directory " + options.path() + ": " + e.getMessage(), e);
        }
        try {
            return new RocksArchive(options, rocks(options.documentCompression()));
        } catch (RocksDBException e) {
            if (options.documentCompression() == ArchiveOptions.Compression.ZSTD && mentionsCompression(e)) {
                log.warn("ZSTD is not available in the RocksDB native library; documents use LZ4");
                try {
                    return new RocksArchive(options, CompressionType.LZ4_COMPRESSION);
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

    private RocksArchive(ArchiveOptions options, CompressionType documentCompression) throws RocksDBException {
        this.options = options;
        this.resources = new ArrayDeque<>();
        boolean ok = false;
        try {
            Cache cache = track(new LRUCache(options.blockCacheBytes()));
            BloomFilter bloom = track(new BloomFilter(10));
            BlockBasedTableConfig recordTable = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(bloom).setCacheIndexAndFilterBlocks(true);
            BlockBasedTableConfig docTable = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(bloom).setCacheIndexAndFilterBlocks(true).setBlockSize(64 * 1024);
            CompressionType recordCompression = rocks(options.recordCompression());

            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            ColumnFamilyOptions defaultOptions = track(new ColumnFamilyOptions());
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions));
            for (String name : Cf.ALL) {
                ColumnFamilyOptions cfo = track(new ColumnFamilyOptions());
                if (name.equals(Cf.DOCUMENTS)) {
                    // Large values go to blob files (key-value separation), compressed there.
                    cfo.setTableFormatConfig(docTable).setCompressionType(documentCompression)
                            .setEnableBlobFiles(true).setMinBlobSize(16 * 1024)
                            .setBlobCompressionType(documentCompression).setEnableBlobGarbageCollection(true);
                } else {
                    cfo.setTableFormatConfig(recordTable).setCompressionType(recordCompression);
                }
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfo));
            }
            DBOptions dbo = track(new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                    .setKeepLogFileNum(5).setMaxTotalWalSize(256L << 20));
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
            this.writeOptions = new WriteOptions().setSync(options.syncWrites());
            track(writeOptions);
            initSchema();
            this.lastOutboxSeq = metaLong(META_OUTBOX_SEQ);
            this.outboxSize = metaLong(META_OUTBOX_SIZE);
            ok = true;
        } finally {
            if (!ok) {
                closeResources();
            }
        }
        this.completer = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "archive-complete");
            t.setDaemon(true);
            return t;
        });
        this.writer = new Thread(this::runWriter, "archive-writer");
        this.writer.setDaemon(true);
        this.writer.start();
        log.info("archive open at {} (sync writes {}, documents {})", options.path(), options.syncWrites(),
                documentCompression);
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

    private long metaLong(String name) throws RocksDBException {
        byte[] key = Codec.utf8(name);
        byte[] v = db.get(handles.get(Cf.META), key);
        return v == null ? 0 : Codec.u64(Codec.unframe(Cf.META, key, v));
    }

    @Override
    public void close() {
        synchronized (submitLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        completer.shutdown();
        try {
            if (!completer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("archive completion callbacks still running at close");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        lifecycle.writeLock().lock();
        try {
            closed = true;
            closeResources();
        } finally {
            lifecycle.writeLock().unlock();
        }
        log.info("archive at {} closed", options.path());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ================================================================== group commit

    private static final class Op<T> {
        final Function<Txn, T> body;
        final CompletableFuture<T> future = new CompletableFuture<>();
        final long bytes;
        final boolean put;
        T result;
        Throwable error;

        Op(Function<Txn, T> body, long bytes, boolean put) {
            this.body = body;
            this.bytes = bytes;
            this.put = put;
        }

        void run(Txn t) {
            result = body.apply(t);
        }

        void complete() {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        }
    }

    private <T> CompletableFuture<T> submit(Op<T> op) {
        synchronized (submitLock) {
            if (closing) {
                throw new ArchiveException("archive is closed");
            }
            if (op.put) {
                if (pendingPuts.incrementAndGet() > options.maxPendingWrites()) {
                    pendingPuts.decrementAndGet();
                    throw new BackpressureException("archive write queue is full (" + options.maxPendingWrites()
                            + " pending writes); retry later");
                }
                long queuedBytes = pendingBytes.addAndGet(op.bytes);
                // A single document larger than the byte budget still goes through an otherwise empty queue.
                if (queuedBytes > options.maxPendingBytes() && queuedBytes != op.bytes) {
                    pendingBytes.addAndGet(-op.bytes);
                    pendingPuts.decrementAndGet();
                    throw new BackpressureException("archive write queue is full (" + options.maxPendingBytes()
                            + " pending document bytes); retry later");
                }
            }
            queue.add(op);
        }
        return op.future;
    }

    /** Runs a mutation through the writer and waits until it is durable. */
    private <T> T call(Function<Txn, T> body) {
        try {
            return submit(new Op<>(body, 0, false)).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new ArchiveException(String.valueOf(c.getMessage()), c);
        }
    }

    private void runWriter() {
        List<Op<?>> group = new ArrayList<>();
        while (true) {
            Op<?> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            group.add(first);
            long bytes = first.bytes;
            while (group.size() < options.groupCommitMaxBatch() && bytes < options.groupCommitMaxBytes()) {
                Op<?> next = queue.poll();
                if (next == null) {
                    break;
                }
                group.add(next);
                bytes += next.bytes;
            }
            commitGroup(group);
            group = new ArrayList<>();
        }
    }

    private void commitGroup(List<Op<?>> group) {
        try (WriteBatch batch = new WriteBatch()) {
            Txn t = new Txn(batch);
            for (Op<?> op : group) {
                try {
                    op.run(t);
                    t.commitOp();
                } catch (RuntimeException e) {
                    t.abortOp();
                    op.error = e;
                }
            }
            try {
                if (batch.count() > 0) {
                    db.write(writeOptions, batch);
                }
                lastOutboxSeq = t.metaLong(META_OUTBOX_SEQ);
                outboxSize = t.metaLong(META_OUTBOX_SIZE);
            } catch (RocksDBException | RuntimeException e) {
                log.error("archive write of {} operations failed: {}", group.size(), e.getMessage());
                ArchiveException failure = new ArchiveException("archive write failed: " + e.getMessage(), e);
                for (Op<?> op : group) {
                    if (op.error == null) {
                        op.error = failure;
                    }
                }
            }
        } catch (Throwable e) {
            log.error("archive writer: unexpected failure: {}", e.toString());
            for (Op<?> op : group) {
                if (op.error == null) {
                    op.error = new ArchiveException("archive write failed: " + e, e);
                }
            }
        }
        for (Op<?> op : group) {
            if (op.put) {
                pendingPuts.decrementAndGet();
                pendingBytes.addAndGet(-op.bytes);
            }
        }
        List<Op<?>> done = List.copyOf(group);
        completer.execute(() -> done.forEach(Op::complete));
    }

    private record Slot(String cf, ByteBuffer key) {}

    /**
     * The writer's view during one group: reads see the group's earlier writes (so two puts
     * of one id in a group behave as if sequential); an operation's own writes are kept
     * apart until it succeeds, so a failed operation leaves nothing behind.
     */
    private final class Txn {
        private final WriteBatch batch;
        private final Map<Slot, byte[]> group = new HashMap<>();
        private final Map<Slot, byte[]> local = new LinkedHashMap<>();

        Txn(WriteBatch batch) {
            this.batch = batch;
        }

        byte[] read(String cf, byte[] key) {
            Slot s = new Slot(cf, ByteBuffer.wrap(key));
            byte[] v = local.get(s);
            if (v == null) {
                v = group.get(s);
            }
            if (v == null) {
                try {
                    return db.get(handles.get(cf), key);
                } catch (RocksDBException e) {
                    throw new ArchiveException("archive read failed: " + e.getMessage(), e);
                }
            }
            return v == DELETED ? null : v;
        }

        void put(String cf, byte[] key, byte[] value) {
            local.put(new Slot(cf, ByteBuffer.wrap(key)), value);
        }

        void delete(String cf, byte[] key) {
            local.put(new Slot(cf, ByteBuffer.wrap(key)), DELETED);
        }

        void commitOp() {
            try {
                for (Map.Entry<Slot, byte[]> e : local.entrySet()) {
                    ColumnFamilyHandle h = handles.get(e.getKey().cf());
                    byte[] k = e.getKey().key().array();
                    if (e.getValue() == DELETED) {
                        batch.delete(h, k);
                    } else {
                        batch.put(h, k, e.getValue());
                    }
                    group.put(e.getKey(), e.getValue());
                }
            } catch (RocksDBException e) {
                throw new ArchiveException("archive batch failed: " + e.getMessage(), e);
            } finally {
                local.clear();
            }
        }

        void abortOp() {
            local.clear();
        }

        // typed helpers

        long counter(String cf, byte[] key) {
            byte[] v = read(cf, key);
            return v == null ? 0 : Codec.u64(Codec.unframe(cf, key, v));
        }

        void putCounter(String cf, byte[] key, long value) {
            put(cf, key, Codec.frame(key, Codec.u64(value)));
        }

        long metaLong(String name) {
            return counter(Cf.META, Codec.utf8(name));
        }

        long addMeta(String name, long delta) {
            byte[] key = Codec.utf8(name);
            long v = counter(Cf.META, key) + delta;
            putCounter(Cf.META, key, v);
            return v;
        }

        ArchivedInvoice invoice(String id) {
            byte[] key = Codec.utf8(id);
            byte[] v = read(Cf.INVOICES, key);
            return v == null ? null : Codec.decodeInvoice(key, Codec.unframe(Cf.INVOICES, key, v));
        }

        void putInvoice(ArchivedInvoice inv) {
            byte[] key = Codec.utf8(inv.invoiceId());
            put(Cf.INVOICES, key, Codec.frame(key, Codec.encodeInvoice(inv)));
        }

        AnchorState anchor(String id) {
            byte[] key = Codec.utf8(id);
            byte[] v = read(Cf.ANCHORS, key);
            return v == null ? null : Codec.decodeAnchor(key, Codec.unframe(Cf.ANCHORS, key, v));
        }

        void putAnchor(String id, AnchorState a) {
            byte[] key = Codec.utf8(id);
            put(Cf.ANCHORS, key, Codec.frame(key, Codec.encodeAnchor(a)));
        }

        long appendOutbox(String id, OutboxEntry.Kind kind, String payload) {
            long seq = addMeta(META_OUTBOX_SEQ, 1);
            addMeta(META_OUTBOX_SIZE, 1);
            byte[] key = Codec.u64(seq);
            put(Cf.OUTBOX, key, Codec.frame(key, Codec.encodeOutbox(new OutboxEntry(seq, id, kind, payload))));
            return seq;
        }

        long audit(String actor, String action, String target, String detail) {
            long seq = addMeta(META_AUDIT_SEQ, 1);
            byte[] key = Codec.u64(seq);
            AuditEntry e = new AuditEntry(seq, options.clock().instant(), actor, action, target, detail);
            put(Cf.AUDIT, key, Codec.frame(key, Codec.encodeAudit(e)));
            return seq;
        }

        void index(String cf, byte[] key) {
            put(cf, key, Codec.frame(key, new byte[0]));
        }

        void moveStatus(String id, InvoiceStatus from, InvoiceStatus to) {
            if (from == to) {
                return;
            }
            delete(Cf.BY_STATUS, Codec.statusKey(from, id));
            index(Cf.BY_STATUS, Codec.statusKey(to, id));
            addMeta(META_STATUS_COUNT + from.name(), -1);
            addMeta(META_STATUS_COUNT + to.name(), 1);
        }
    }

    // ================================================================== writes

    @Override
    public CompletableFuture<PutResult> put(ArchivedInvoice invoice, HashedDocument hashed, String outboxPayload) {
        if (hashed == null) {
            throw new IllegalArgumentException("invoice and document are required");
        }
        byte[] document = hashed.bytes();
        validate(invoice, document);
        require(hashed.sm3Hex().equals(invoice.docHash()), "document does not hash (SM3) to docHash");
        // encoded (and encrypted, if configured) here, on the caller's thread, not on the single writer
        byte[] stored = Codec.documentValue(Codec.docKey(invoice.docHash()), document, options.documentCipher());
        return submit(new Op<>(t -> doPut(t, invoice, stored, outboxPayload), document.length, true));
    }

    private void validate(ArchivedInvoice inv, byte[] document) {
        if (inv == null || document == null) {
            throw new IllegalArgumentException("invoice and document are required");
        }
        require(inv.invoiceId() != null && inv.issuer() != null && inv.number() != null,
                "invoiceId, issuer and number are required");
        require(ID_CHARS.matcher(inv.invoiceId()).matches(), "invoice id has invalid characters or length: " + inv.invoiceId());
        require(inv.invoiceId().equals(inv.issuer() + inv.number()),
                "invoice id " + inv.invoiceId() + " is not issuer + number");
        require(inv.issueTime() != null && inv.issueDate() != null && inv.retainUntil() != null,
                "issueTime, issueDate and retainUntil are required");
        require(inv.issueDate().equals(LocalDate.ofInstant(inv.issueTime(), CST)),
                "issueDate " + inv.issueDate() + " is not the CST date of issueTime " + inv.issueTime());
        require(inv.docHash() != null && HASH.matcher(inv.docHash()).matches(), "docHash must be 64 lowercase hex");
        require(inv.metaHash() != null && HASH.matcher(inv.metaHash()).matches(), "metaHash must be 64 lowercase hex");
        require(inv.seal() != null, "seal is required");
        require(inv.status() != null && inv.status() != InvoiceStatus.DISPOSED, "status must be set and not DISPOSED");
        require(inv.disposedAt() == null, "a new invoice cannot be disposed");
        require(document.length > 0, "document is empty");
        require(document.length <= options.maxDocumentBytes(),
                "document of " + document.length + " bytes exceeds the limit of " + options.maxDocumentBytes());
        require(inv.documentSize() == document.length,
                "documentSize " + inv.documentSize() + " does not match the document's " + document.length + " bytes");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private PutResult doPut(Txn t, ArchivedInvoice inv, byte[] storedDocument, String outboxPayload) {
        String id = inv.invoiceId();
        ArchivedInvoice existing = t.invoice(id);
        if (existing != null) {
            if (existing.sameContent(inv)) {
                return new PutResult(existing, true, 0);
            }
            throw new ConflictException("invoice " + id + " is already archived with different content ("
                    + differences(existing, inv) + ")");
        }
        if (options.maxOutboxBacklog() > 0 && t.metaLong(META_OUTBOX_SIZE) >= options.maxOutboxBacklog()) {
            throw backlogFull();
        }
        Instant now = options.clock().instant();
        ArchivedInvoice stored = new ArchivedInvoice(id, inv.issuer(), inv.number(), inv.issueTime(), inv.issueDate(),
                inv.docHash(), inv.metaHash(), inv.retainUntil(), inv.contentType(), inv.documentSize(),
                inv.metadataJson(), inv.seal(), inv.enterpriseSignature(), inv.status(), inv.legalHold(),
                inv.receivedAt() != null ? inv.receivedAt() : now, inv.updatedAt() != null ? inv.updatedAt() : now,
                null);
        byte[] docKey = Codec.docKey(inv.docHash());
        long refs = t.counter(Cf.DOC_REFS, docKey);
        if (refs == 0) {
            t.put(Cf.DOCUMENTS, docKey, storedDocument);
        }
        t.putCounter(Cf.DOC_REFS, docKey, refs + 1);
        t.putInvoice(stored);
        t.putAnchor(id, AnchorState.pending(now));
        long seq = t.appendOutbox(id, OutboxEntry.Kind.ANCHOR, outboxPayload);
        t.index(Cf.BY_ISSUER_DATE, Codec.issuerDateKey(inv.issuer(), inv.issueDate(), id));
        t.index(Cf.BY_STATUS, Codec.statusKey(inv.status(), id));
        t.addMeta(META_STATUS_COUNT + inv.status().name(), 1);
        t.audit(inv.issuer(), "PUT", id, "docHash=" + inv.docHash() + (refs > 0 ? " (document shared)" : ""));
        return new PutResult(stored, false, seq);
    }

    private static String differences(ArchivedInvoice a, ArchivedInvoice b) {
        List<String> d = new ArrayList<>();
        if (!a.docHash().equals(b.docHash())) d.add("docHash");
        if (!a.metaHash().equals(b.metaHash())) d.add("metaHash");
        if (!a.issueTime().equals(b.issueTime())) d.add("issueTime");
        if (!a.retainUntil().equals(b.retainUntil())) d.add("retainUntil");
        return String.join(", ", d) + " differ";
    }

    @Override
    public ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold, String actor,
                                        String reason, String transitionPayload) {
        require(invoiceId != null && status != null, "invoiceId and status are required");
        require(status != InvoiceStatus.DISPOSED, "use dispose() to dispose an invoice");
        return call(t -> {
            ArchivedInvoice cur = t.invoice(invoiceId);
            if (cur == null) {
                throw new UnknownInvoiceException(invoiceId);
            }
            if (cur.disposed()) {
                throw new ConflictException("invoice " + invoiceId + " is disposed and cannot change");
            }
            if (cur.status() == status && cur.legalHold() == legalHold) {
                return cur;
            }
            ArchivedInvoice next = cur.withStatus(status, legalHold, options.clock().instant());
            t.putInvoice(next);
            t.moveStatus(invoiceId, cur.status(), status);
            if (transitionPayload != null) {
                t.appendOutbox(invoiceId, OutboxEntry.Kind.TRANSITION, transitionPayload);
            }
            t.audit(actor, "STATUS", invoiceId, cur.status() + "->" + status + " legalHold=" + legalHold
                    + (reason == null ? "" : ": " + reason));
            return next;
        });
    }

    @Override
    public void markSubmitted(Collection<String> invoiceIds, String txId) {
        updateAnchors(invoiceIds, "SUBMITTED", "tx " + txId, (cur, now) -> cur.phase() == AnchorState.Phase.ANCHORED
                ? cur
                : new AnchorState(AnchorState.Phase.SUBMITTED, txId, -1, null, cur.attempts() + 1, cur.lastError(), now));
    }

    @Override
    public void markAnchored(Collection<String> invoiceIds, String txId, long blockNumber, Instant commitTime) {
        updateAnchors(invoiceIds, "ANCHORED", "tx " + txId + " block " + blockNumber, (cur, now) ->
                new AnchorState(AnchorState.Phase.ANCHORED, txId, blockNumber, commitTime,
                        Math.max(cur.attempts(), 1), null, now));
    }

    @Override
    public void markFailed(Collection<String> invoiceIds, String error) {
        updateAnchors(invoiceIds, "ANCHOR_FAILED", error, (cur, now) -> cur.phase() == AnchorState.Phase.ANCHORED
                ? cur
                : new AnchorState(AnchorState.Phase.FAILED, cur.txId(), -1, null, cur.attempts(), error, now));
    }

    private interface AnchorChange {
        AnchorState apply(AnchorState current, Instant now);
    }

    private void updateAnchors(Collection<String> ids, String action, String detail, AnchorChange change) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> copy = List.copyOf(ids);
        call(t -> {
            Instant now = options.clock().instant();
            for (String id : copy) {
                AnchorState cur = t.anchor(id);
                if (cur == null) {
                    throw new UnknownInvoiceException(id);
                }
                AnchorState next = change.apply(cur, now);
                if (next != cur) {
                    t.putAnchor(id, next);
                }
            }
            t.audit(SYSTEM, action, copy.size() == 1 ? copy.get(0) : copy.size() + " invoices", detail);
            return null;
        });
    }

    @Override
    public void removeOutbox(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        List<Long> copy = List.copyOf(seqs);
        call(t -> {
            for (long seq : copy) {
                byte[] key = Codec.u64(seq);
                if (t.read(Cf.OUTBOX, key) != null) {
                    t.delete(Cf.OUTBOX, key);
                    t.addMeta(META_OUTBOX_SIZE, -1);
                }
            }
            return null;
        });
    }

    @Override
    public ArchivedInvoice dispose(String invoiceId, String actor, String reason) {
        return dispose(invoiceId, null, actor, reason);
    }

    @Override
    public ArchivedInvoice disposeCommitted(String invoiceId, String ledgerTxId, String actor, String reason) {
        require(ledgerTxId != null && !ledgerTxId.isBlank(), "the ledger transaction id is required");
        return dispose(invoiceId, ledgerTxId, actor, reason);
    }

    /** {@code ledgerTxId} null: the archive's own decision, checked; else a committed ledger disposal. */
    private ArchivedInvoice dispose(String invoiceId, String ledgerTxId, String actor, String reason) {
        require(invoiceId != null, "invoiceId is required");
        return call(t -> {
            ArchivedInvoice cur = t.invoice(invoiceId);
            if (cur == null) {
                throw new UnknownInvoiceException(invoiceId);
            }
            if (cur.disposed()) {
                return cur;
            }
            Instant now = options.clock().instant();
            LocalDate today = LocalDate.ofInstant(now, CST);
            DisposalRefusedException.Reason refusal = cur.legalHold() ? DisposalRefusedException.Reason.LEGAL_HOLD
                    : !today.isAfter(cur.retainUntil()) ? DisposalRefusedException.Reason.RETENTION_NOT_OVER : null;
            String note = "";
            if (refusal != null) {
                if (ledgerTxId == null) {
                    throw new DisposalRefusedException(invoiceId, refusal, cur.retainUntil(), today);
                }
                // the ledger decided at its transaction time; the local view lags or the clocks differ
                note = " (local view disagreed: " + DisposalRefusedException.message(invoiceId, refusal,
                        cur.retainUntil(), today) + ")";
                log.warn("invoice {}: applying the ledger's disposal (tx {}) although{}", invoiceId, ledgerTxId, note);
            }
            ArchivedInvoice tomb = (cur.legalHold() ? cur.withStatus(cur.status(), false, now) : cur).asDisposed(now);
            t.putInvoice(tomb);
            t.moveStatus(invoiceId, cur.status(), InvoiceStatus.DISPOSED);
            byte[] docKey = Codec.docKey(cur.docHash());
            long refs = t.counter(Cf.DOC_REFS, docKey);
            boolean deleted = refs <= 1;
            if (deleted) {
                t.delete(Cf.DOCUMENTS, docKey);
                t.delete(Cf.DOC_REFS, docKey);
            } else {
                t.putCounter(Cf.DOC_REFS, docKey, refs - 1);
            }
            t.audit(actor, "DISPOSE", invoiceId, (deleted ? "document deleted" : "document kept (shared)")
                    + (ledgerTxId == null ? "" : ", ledger tx " + ledgerTxId + note)
                    + (reason == null ? "" : ": " + reason));
            return tomb;
        });
    }

    @Override
    public long appendAudit(String actor, String action, String target, String detail) {
        require(action != null, "action is required");
        return call(t -> t.audit(actor, action, target, detail));
    }

    @Override
    public void putLong(String key, long value) {
        byte[] k = userMetaKey(key);
        call(t -> {
            t.putCounter(Cf.META, k, value);
            return null;
        });
    }

    @Override
    public void putString(String key, String value) {
        byte[] k = userMetaKey(key);
        require(value != null, "value is required");
        call(t -> {
            t.put(Cf.META, k, Codec.frame(k, Codec.utf8(value)));
            return null;
        });
    }

    private static byte[] userMetaKey(String key) {
        require(key != null && !key.isBlank(), "meta key is required");
        require(!key.startsWith(RESERVED_META_PREFIX), "meta keys starting with '" + RESERVED_META_PREFIX + "' are reserved");
        return Codec.utf8(key);
    }

    // ================================================================== reads

    private interface Read<T> {
        T run() throws RocksDBException;
    }

    private <T> T read(Read<T> r) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new ArchiveException("archive is closed");
            }
            return r.run();
        } catch (RocksDBException e) {
            throw new ArchiveException("archive read failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private byte[] rawGet(String cf, byte[] key) throws RocksDBException {
        return db.get(handles.get(cf), key);
    }

    @Override
    public Optional<ArchivedInvoice> get(String invoiceId) {
        return read(() -> Optional.ofNullable(readInvoice(invoiceId)));
    }

    private ArchivedInvoice readInvoice(String invoiceId) throws RocksDBException {
        byte[] key = Codec.utf8(invoiceId);
        byte[] v = rawGet(Cf.INVOICES, key);
        return v == null ? null : Codec.decodeInvoice(key, Codec.unframe(Cf.INVOICES, key, v));
    }

    @Override
    public Optional<byte[]> document(String docHash) {
        require(docHash != null && HASH.matcher(docHash).matches(), "docHash must be 64 lowercase hex");
        return read(() -> {
            byte[] key = Codec.docKey(docHash);
            byte[] v = rawGet(Cf.DOCUMENTS, key);
            return v == null ? Optional.empty() : Optional.of(Codec.documentBytes(key, v, options.documentCipher()));
        });
    }

    @Override
    public AnchorState anchorState(String invoiceId) {
        return read(() -> {
            byte[] key = Codec.utf8(invoiceId);
            byte[] v = rawGet(Cf.ANCHORS, key);
            if (v == null) {
                throw new UnknownInvoiceException(invoiceId);
            }
            return Codec.decodeAnchor(key, Codec.unframe(Cf.ANCHORS, key, v));
        });
    }

    @Override
    public List<OutboxEntry> outbox(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        return read(() -> scanSeq(Cf.OUTBOX, afterSeq, limit, Codec::decodeOutbox));
    }

    @Override
    public long lastOutboxSeq() {
        return lastOutboxSeq;
    }

    @Override
    public long outboxSize() {
        return outboxSize;
    }

    @Override
    public void checkBacklog() {
        if (options.maxOutboxBacklog() > 0 && outboxSize >= options.maxOutboxBacklog()) {
            throw backlogFull();
        }
    }

    private BackpressureException backlogFull() {
        return new BackpressureException("anchoring backlog is full (" + options.maxOutboxBacklog()
                + " invoices wait for the ledger); retry later");
    }

    @Override
    public List<AuditEntry> audit(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        return read(() -> scanSeq(Cf.AUDIT, afterSeq, limit, Codec::decodeAudit));
    }

    private interface Decoder<T> {
        T decode(byte[] key, byte[] payload);
    }

    private <T> List<T> scanSeq(String cf, long afterSeq, int limit, Decoder<T> decoder) {
        List<T> out = new ArrayList<>();
        if (afterSeq == Long.MAX_VALUE) {
            return out;
        }
        try (RocksIterator it = db.newIterator(handles.get(cf))) {
            for (it.seek(Codec.u64(Math.max(0, afterSeq + 1))); it.isValid() && out.size() < limit; it.next()) {
                byte[] key = it.key();
                out.add(decoder.decode(key, Codec.unframe(cf, key, it.value())));
            }
        }
        return out;
    }

    @Override
    public SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status,
                             String cursor, int limit) {
        require(issuer != null && !issuer.isEmpty() && Codec.utf8(issuer).length < 256, "issuer is required");
        require(fromDate != null && toDate != null, "fromDate and toDate are required");
        require(limit > 0, "limit must be positive");
        byte[] prefix = Codec.issuerDatePrefix(issuer, null);
        byte[] start = Codec.issuerDatePrefix(issuer, fromDate);
        byte[] endExclusive = Codec.issuerDatePrefix(issuer, toDate.plusDays(1));
        byte[] after = null;
        if (cursor != null) {
            try {
                after = Base64.getUrlDecoder().decode(cursor);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid search cursor");
            }
            require(after.length > prefix.length && Arrays.equals(after, 0, prefix.length, prefix, 0, prefix.length),
                    "search cursor does not belong to this issuer");
        }
        byte[] seekTo = after != null && Arrays.compareUnsigned(after, start) >= 0 ? after : start;
        byte[] skip = after;
        return read(() -> {
            List<ArchivedInvoice> items = new ArrayList<>();
            byte[] lastKey = null;
            boolean more = false;
            try (RocksIterator it = db.newIterator(handles.get(Cf.BY_ISSUER_DATE))) {
                for (it.seek(seekTo); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (Arrays.compareUnsigned(key, endExclusive) >= 0) {
                        break;
                    }
                    if (skip != null && Arrays.equals(key, skip)) {
                        continue;
                    }
                    Codec.unframe(Cf.BY_ISSUER_DATE, key, it.value());
                    String id = Codec.idOfIssuerDateKey(key);
                    ArchivedInvoice inv = readInvoice(id);
                    if (inv == null) {
                        throw Codec.corrupt(Cf.BY_ISSUER_DATE, key, "index entry for a missing invoice " + id);
                    }
                    if (status != null && inv.status() != status) {
                        continue;
                    }
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    items.add(inv);
                    lastKey = key;
                }
            }
            String next = more ? Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey) : null;
            return new SearchPage(List.copyOf(items), next);
        });
    }

    @Override
    public void forEachInvoice(java.util.function.Consumer<ArchivedInvoice> action,
                               java.util.function.Consumer<CorruptedRecordException> onCorrupted) {
        java.util.Objects.requireNonNull(action, "action");
        java.util.Objects.requireNonNull(onCorrupted, "onCorrupted");
        read(() -> {
            try (RocksIterator it = db.newIterator(handles.get(Cf.INVOICES))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    ArchivedInvoice invoice;
                    try {
                        invoice = Codec.decodeInvoice(key, Codec.unframe(Cf.INVOICES, key, it.value()));
                    } catch (CorruptedRecordException e) {
                        onCorrupted.accept(e);
                        continue;
                    }
                    action.accept(invoice);
                }
                it.status();
            }
            return null;
        });
    }

    @Override
    public Map<InvoiceStatus, Long> countByStatus() {
        return read(() -> {
            Map<InvoiceStatus, Long> out = new EnumMap<>(InvoiceStatus.class);
            for (InvoiceStatus s : InvoiceStatus.values()) {
                out.put(s, metaLong(META_STATUS_COUNT + s.name()));
            }
            return out;
        });
    }

    @Override
    public OptionalLong getLong(String key) {
        byte[] k = Codec.utf8(key);
        return read(() -> {
            byte[] v = rawGet(Cf.META, k);
            if (v == null) {
                return OptionalLong.empty();
            }
            byte[] p = Codec.unframe(Cf.META, k, v);
            if (p.length != 8) {
                throw Codec.corrupt(Cf.META, k, "not a long value");
            }
            return OptionalLong.of(Codec.u64(p));
        });
    }

    @Override
    public Optional<String> getString(String key) {
        byte[] k = Codec.utf8(key);
        return read(() -> {
            byte[] v = rawGet(Cf.META, k);
            return v == null ? Optional.empty()
                    : Optional.of(new String(Codec.unframe(Cf.META, k, v), StandardCharsets.UTF_8));
        });
    }

    // ================================================================== backup

    @Override
    public BackupDescription backup(Path backupDir) {
        return read(() -> {
            try {
                Files.createDirectories(backupDir);
            } catch (IOException e) {
                throw new ArchiveException("cannot create backup directory " + backupDir + ": " + e.getMessage(), e);
            }
            try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
                 BackupEngine be = BackupEngine.open(Env.getDefault(), beo)) {
                be.createNewBackup(db, true);
                List<BackupInfo> infos = be.getBackupInfo();
                BackupDescription d = describe(infos.get(infos.size() - 1));
                log.info("archive backup {} written to {}", d.backupId(), backupDir);
                return d;
            }
        });
    }

    private static BackupDescription describe(BackupInfo i) {
        return new BackupDescription(i.backupId(), Instant.ofEpochSecond(i.timestamp()), i.size(), i.numberFiles());
    }

    static List<BackupDescription> listBackups(Path backupDir) {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        RocksDB.loadLibrary();
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo)) {
            return be.getBackupInfo().stream().map(RocksArchive::describe).toList();
        } catch (RocksDBException e) {
            throw new ArchiveException("cannot read backups in " + backupDir + ": " + e.getMessage(), e);
        }
    }

    static void restore(Path backupDir, Path dbDir, OptionalInt backupId) {
        if (!Files.isDirectory(backupDir)) {
            throw new ArchiveException("no backup directory " + backupDir);
        }
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new ArchiveException("cannot create " + dbDir + ": " + e.getMessage(), e);
        }
        try (BackupEngineOptions beo = new BackupEngineOptions(backupDir.toString());
             BackupEngine be = BackupEngine.open(Env.getDefault(), beo);
             RestoreOptions ro = new RestoreOptions(false)) {
            if (be.getBackupInfo().isEmpty()) {
                throw new ArchiveException("no backups in " + backupDir);
            }
            if (backupId.isPresent()) {
                be.restoreDbFromBackup(backupId.getAsInt(), dbDir.toString(), dbDir.toString(), ro);
            } else {
                be.restoreDbFromLatestBackup(dbDir.toString(), dbDir.toString(), ro);
            }
            log.info("archive restored from {} into {}", backupDir, dbDir);
        } catch (RocksDBException e) {
            throw new ArchiveException("restore from " + backupDir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkpoint(Path dir) {
        read(() -> {
            if (Files.exists(dir)) {
                throw new ArchiveException("checkpoint directory " + dir + " already exists");
            }
            try {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new ArchiveException("cannot create " + dir.getParent() + ": " + e.getMessage(), e);
            }
            try (Checkpoint cp = Checkpoint.create(db)) {
                cp.createCheckpoint(dir.toString());
            }
            return null;
        });
    }

    // ================================================================== test hooks

    /** Test hook: occupies the writer until {@code release} opens; completes when it did. */
    CompletableFuture<Void> blockWriter(java.util.concurrent.CountDownLatch release) {
        return submit(new Op<Void>(t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, 0, false));
    }

    /** Test hook: writes a raw value, bypassing encoding and checks. */
    void rawPut(String cf, byte[] key, byte[] value) {
        read(() -> {
            db.put(handles.get(cf), key, value);
            return null;
        });
    }

    /** Test hook: the raw stored value. */
    byte[] rawValue(String cf, byte[] key) {
        return read(() -> rawGet(cf, key));
    }
}
