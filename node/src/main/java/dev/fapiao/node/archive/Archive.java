package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The node's durable invoice archive (RocksDB; layout in docs/archive.md).
 *
 * <p>Every mutation is applied by one writer thread that merges queued writes into a
 * single WriteBatch and syncs the WAL once for the whole group (group commit). A write is
 * <em>acknowledged</em> when its future completes (or its blocking method returns): it is
 * then in the synced WAL and survives a crash or kill -9. Reads see every acknowledged
 * write. Every stored value is integrity-checked on read; a damaged one raises
 * {@link CorruptedRecordException} and is never served.
 *
 * <p>Futures complete on an archive-owned pool, not the writer thread; still, prefer the
 * {@code *Async} variants for heavy dependent stages.
 */
public interface Archive extends AutoCloseable {

    /** Opens (creating when missing) the archive at {@code options.path()}. */
    static Archive open(ArchiveOptions options) {
        return RocksArchive.open(options);
    }

    /**
     * Restores the newest backup in {@code backupDir} into {@code dbDir}, which must not be
     * open; existing files in {@code dbDir} are replaced.
     */
    static void restore(Path backupDir, Path dbDir) {
        RocksArchive.restore(backupDir, dbDir, java.util.OptionalInt.empty());
    }

    /** Restores backup {@code backupId} from {@code backupDir} into {@code dbDir}. */
    static void restore(Path backupDir, Path dbDir, int backupId) {
        RocksArchive.restore(backupDir, dbDir, java.util.OptionalInt.of(backupId));
    }

    /** The backups in {@code backupDir}, oldest first. */
    static List<BackupDescription> listBackups(Path backupDir) {
        return RocksArchive.listBackups(backupDir);
    }

    // ------------------------------------------------------------------ writes

    /**
     * Archives an invoice with its original document, atomically with its PENDING anchor
     * state, an ANCHOR outbox entry (payload {@code null}), its index entries and an audit
     * entry. The document must hash (SM3) to {@code invoice.docHash()} and have
     * {@code invoice.documentSize()} bytes. Identical documents are stored once.
     *
     * <p>Idempotent: the same id with the same docHash, metaHash, issueTime and retainUntil
     * completes with the stored record and {@code existing = true}, writing nothing. The
     * same id with other content completes exceptionally with {@link ConflictException}.
     * When the write queue is full the call throws {@link BackpressureException} at once.
     */
    default CompletableFuture<PutResult> put(ArchivedInvoice invoice, byte[] document) {
        return put(invoice, document, null);
    }

    /** {@link #put(ArchivedInvoice, byte[])} with a payload for the ANCHOR outbox entry (e.g. the Anchor JSON). */
    default CompletableFuture<PutResult> put(ArchivedInvoice invoice, byte[] document, String outboxPayload) {
        return put(invoice, HashedDocument.of(document), outboxPayload);
    }

    /** As above, for a document already hashed once (its hash must be the invoice's docHash). */
    CompletableFuture<PutResult> put(ArchivedInvoice invoice, HashedDocument document, String outboxPayload);

    /**
     * Records a status / legal hold change (e.g. one confirmed by the ledger). Durable on
     * return. Status DISPOSED must go through {@link #dispose}; disposed invoices cannot change.
     */
    default ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold,
                                         String actor, String reason) {
        return updateStatus(invoiceId, status, legalHold, actor, reason, null);
    }

    /**
     * As {@link #updateStatus(String, InvoiceStatus, boolean, String, String)}; when
     * {@code transitionPayload} is not null, also appends a TRANSITION outbox entry carrying
     * it, in the same atomic write.
     */
    ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold,
                                 String actor, String reason, String transitionPayload);

    /** The invoices' anchoring was submitted as transaction {@code txId} (attempts + 1). */
    void markSubmitted(Collection<String> invoiceIds, String txId);

    /** The invoices are anchored by {@code txId} in {@code blockNumber}, committed at {@code commitTime}. */
    void markAnchored(Collection<String> invoiceIds, String txId, long blockNumber, Instant commitTime);

    /** Anchoring failed (for good or for now) with {@code error}. */
    void markFailed(Collection<String> invoiceIds, String error);

    /** Removes outbox entries (unknown sequence numbers are ignored). */
    void removeOutbox(Collection<Long> seqs);

    /**
     * Disposes an invoice after its retention period, on this archive's own authority: refused
     * with {@link DisposalRefusedException} (nothing changed) under legal hold or unless the CST
     * date of the archive's clock is after {@code retainUntil} — the chaincode's rule, checked
     * again here so that no caller can delete an original early. Deletes the document bytes
     * unless another invoice references the same docHash; keeps the record as a tombstone
     * (status DISPOSED). Disposing a disposed invoice returns the tombstone.
     */
    ArchivedInvoice dispose(String invoiceId, String actor, String reason);

    /**
     * Applies a disposal the ledger already committed in transaction {@code ledgerTxId} (the
     * ledger sync). The chaincode, endorsed by both organisations, enforced the retention period
     * and the legal hold at the transaction's time; this does not check them again against the
     * local clock or a local legal hold that may lag the ledger (refusing would leave the archive
     * behind the ledger for good). A disagreement is logged and recorded in the audit entry.
     * Otherwise as {@link #dispose(String, String, String)}; the tombstone's legal hold is
     * cleared, as on the ledger.
     */
    ArchivedInvoice disposeCommitted(String invoiceId, String ledgerTxId, String actor, String reason);

    default ArchivedInvoice dispose(String invoiceId) {
        return dispose(invoiceId, "system", "retention period over");
    }

    /** Appends an audit entry; returns its sequence number. Durable on return. */
    long appendAudit(String actor, String action, String target, String detail);

    /** Durably stores a small checkpoint (keys starting with {@code archive.} are reserved). */
    void putLong(String key, long value);

    void putString(String key, String value);

    // ------------------------------------------------------------------ reads

    Optional<ArchivedInvoice> get(String invoiceId);

    /** The document bytes, verified against {@code docHash} (lowercase hex SM3); empty when absent. */
    Optional<byte[]> document(String docHash);

    /** @throws UnknownInvoiceException when no such invoice is archived */
    AnchorState anchorState(String invoiceId);

    /** Outbox entries with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<OutboxEntry> outbox(long afterSeq, int limit);

    /** The highest outbox sequence number written so far (0 when none). */
    long lastOutboxSeq();

    /** Entries currently in the outbox. */
    long outboxSize();

    /**
     * Throws when the anchoring backlog is at its limit, as a put would: lets callers refuse new
     * work before they spend CPU on sealing it (a racing put still checks inside its write).
     *
     * @throws BackpressureException the backlog is full; retry later
     */
    default void checkBacklog() {
    }

    /**
     * Invoices of {@code issuer} issued (CST) from {@code fromDate} to {@code toDate}
     * inclusive, in date then id order, optionally only those with {@code status} (null =
     * any). Pass the previous page's {@code nextCursor} (or null) to continue.
     */
    SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status,
                      String cursor, int limit);

    /**
     * Visits every archived invoice (tombstones included) in invoice id order, on the caller's
     * thread, as of the call (a RocksDB iterator's implicit snapshot; writes continue meanwhile,
     * {@link #close} waits for the scan). Each record is integrity-checked: a damaged one is handed
     * to {@code onCorrupted} and the scan goes on. An exception thrown by either callback ends the
     * scan and propagates.
     */
    void forEachInvoice(java.util.function.Consumer<ArchivedInvoice> action,
                        java.util.function.Consumer<CorruptedRecordException> onCorrupted);

    /** {@link #forEachInvoice(java.util.function.Consumer, java.util.function.Consumer)}; stops at a damaged record with its {@link CorruptedRecordException}. */
    default void forEachInvoice(java.util.function.Consumer<ArchivedInvoice> action) {
        forEachInvoice(action, e -> {
            throw e;
        });
    }

    /** Invoices per status (every status present, zero included). */
    Map<InvoiceStatus, Long> countByStatus();

    /** Audit entries with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<AuditEntry> audit(long afterSeq, int limit);

    OptionalLong getLong(String key);

    default long getLong(String key, long defaultValue) {
        return getLong(key).orElse(defaultValue);
    }

    Optional<String> getString(String key);

    // ------------------------------------------------------------------ maintenance

    /** Online backup into {@code backupDir} (incremental; RocksDB BackupEngine). */
    BackupDescription backup(Path backupDir);

    /** An openable copy of the database at {@code dir} (must not exist), hard-linked where possible. */
    void checkpoint(Path dir);

    /** Drains queued writes, stops the writer and closes the database. Idempotent. */
    @Override
    void close();
}
