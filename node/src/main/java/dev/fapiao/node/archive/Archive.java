package dev.fapiao.node.archive;

import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.MemoryUsage;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's durable invoice archive, open (RocksDB; layout in docs/archive.md): the one
 * database and its one {@link GroupCommitWriter}, and the stores over them. The composition
 * root holds this handle and closes it; everything else gets the store(s) it uses.
 *
 * <p>Every mutation of every store is applied by the one writer thread, which merges queued
 * writes into a single WriteBatch and syncs the WAL once for the whole group (group commit).
 * A write is <em>acknowledged</em> when its future completes (or its blocking method
 * returns): it is then in the synced WAL and survives a crash or kill -9. Reads see every
 * acknowledged write. Every stored value is integrity-checked on read; a damaged one raises
 * {@link CorruptedRecordException} and is never served.
 */
public final class Archive implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);

    private final ArchiveDb db;
    private final GroupCommitWriter writer;
    private final RocksInvoiceStore invoices;
    private final RocksDocumentStore documents;
    private final RocksAnchorStore anchors;
    private final RocksAuditLog auditLog;
    private final RocksNodeState nodeState;
    private final RocksBackups backups;
    private final RocksInvoiceFeed feed;
    private final RocksNonceStore nonces;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Archive(ArchiveDb db) {
        this.db = db;
        this.writer = new GroupCommitWriter(db);
        this.auditLog = new RocksAuditLog(db, writer);
        this.documents = new RocksDocumentStore(db, writer);
        this.anchors = new RocksAnchorStore(db, writer, auditLog);
        this.invoices = new RocksInvoiceStore(db, writer, documents, anchors, auditLog);
        this.nodeState = new RocksNodeState(db, writer);
        this.backups = new RocksBackups(db);
        this.feed = new RocksInvoiceFeed(db, auditLog);
        this.nonces = new RocksNonceStore(db, writer);
        writer.start();
    }

    /** Opens (creating when missing) the archive at {@code options.path()}. */
    public static Archive open(ArchiveOptions options) {
        ArchiveDb db = ArchiveDb.open(options);
        try {
            Archive a = new Archive(db);
            log.info("archive open at {} (sync writes {}, documents {})", options.path(), options.syncWrites(),
                    db.documentCompression());
            return a;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Removes the bytes of the documents deleted (by disposal) since the last call from the disk: a
     * deletion only drops the key, the blob stays until this compaction. Returns how many deletions it
     * covered (0: nothing to do, nothing ran). Slow (it rewrites what holds garbage): call it from a
     * maintenance pass, not a request.
     */
    public long reclaimDeletedDocuments() {
        return documents.reclaimDeletedSpace();
    }

    public InvoiceStore invoices() {
        return invoices;
    }

    public DocumentStore documents() {
        return documents;
    }

    public AnchorStore anchors() {
        return anchors;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public NodeState nodeState() {
        return nodeState;
    }

    public Backups backups() {
        return backups;
    }

    /** Nonces of signed API requests within the replay window. */
    public NonceStore nonces() {
        return nonces;
    }

    /** The typed feed of newly archived invoices (the Merkle log follows it). */
    public InvoiceFeed feed() {
        return feed;
    }

    /** RocksDB's memory accounting against the budget (for /metrics and the memory test). */
    public MemoryUsage memoryUsage() {
        return db.memoryUsage();
    }

    /** Drains queued writes, stops the writer and closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        db.close();
        log.info("archive at {} closed", db.options().path());
    }

    // package-private: test-scope helpers in this package reach the engine through these

    ArchiveDb db() {
        return db;
    }

    GroupCommitWriter writer() {
        return writer;
    }

    RocksNodeState nodeStateImpl() {
        return nodeState;
    }
}
