package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.model.SearchPage;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The archived invoice records with their indexes (issuer-date, status) and search. Writes go
 * through the archive's one group-commit writer: a write is acknowledged when its future
 * completes or its blocking method returns (then it is in the synced WAL). Every record is
 * integrity-checked on read; a damaged one raises {@link CorruptedRecordException}.
 */
public interface InvoiceStore {

    /**
     * Archives an invoice with its original document, in ONE atomic write with its PENDING
     * anchor state, an ANCHOR outbox entry (payload {@code null}), its index entries and an audit
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
    default CompletableFuture<PutResult> put(ArchivedInvoice invoice, HashedDocument document, String outboxPayload) {
        return put(invoice, document, outboxPayload, dev.fapiao.node.model.Origin.NONE);
    }

    /** As above, for the request {@code origin}: its audit entry and outbox entry carry the request's ids. */
    CompletableFuture<PutResult> put(ArchivedInvoice invoice, HashedDocument document, String outboxPayload,
                                     dev.fapiao.node.model.Origin origin);

    /**
     * Archives a copy of an invoice that is already anchored on the ledger (replication from another
     * member's node): as {@link #put(ArchivedInvoice, HashedDocument, String)} with the same checks and
     * idempotency, in ONE write, but with {@code anchored} (phase ANCHORED) as its anchor state and no
     * outbox entry (there is nothing to anchor) and no backlog limit. The PUT audit entry makes the
     * invoice a leaf of this node's Merkle log like any other.
     */
    CompletableFuture<PutResult> putAnchored(ArchivedInvoice invoice, HashedDocument document, AnchorState anchored);

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
    default ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold,
                                         String actor, String reason, String transitionPayload) {
        return updateStatus(invoiceId, status, legalHold, actor, reason, transitionPayload,
                dev.fapiao.node.model.Origin.NONE);
    }

    /** As above, for the request {@code origin}: its audit entry records the request and token ids. */
    ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold,
                                 String actor, String reason, String transitionPayload, dev.fapiao.node.model.Origin origin);

    /**
     * Disposes an invoice after its retention period, on this archive's own authority: refused
     * with {@link DisposalRefusedException} (nothing changed) under legal hold or unless the CST
     * date of the archive's clock is after {@code retainUntil} — the chaincode's rule, checked
     * again here so that no caller can delete an original early. Deletes the document bytes
     * unless another invoice references the same docHash; keeps the record as a tombstone
     * (status DISPOSED). Disposing a disposed invoice returns the tombstone.
     */
    default ArchivedInvoice dispose(String invoiceId, String actor, String reason) {
        return dispose(invoiceId, actor, reason, dev.fapiao.node.model.Origin.NONE);
    }

    /** As above, for the request {@code origin}: its audit entry records the request and token ids. */
    ArchivedInvoice dispose(String invoiceId, String actor, String reason, dev.fapiao.node.model.Origin origin);

    default ArchivedInvoice dispose(String invoiceId) {
        return dispose(invoiceId, "system", "retention period over");
    }

    /**
     * Applies a disposal the ledger already committed in transaction {@code ledgerTxId} (the
     * ledger sync). The chaincode, endorsed by both organisations, enforced the retention period
     * and the legal hold at the transaction's time; this does not check them again against the
     * local clock or a local legal hold that may lag the ledger (refusing would leave the archive
     * behind the ledger for good). A disagreement is logged and recorded in the audit entry.
     * Otherwise as {@link #dispose(String, String, String)}; the tombstone's legal hold is
     * cleared, as on the ledger.
     */
    default ArchivedInvoice disposeCommitted(String invoiceId, String ledgerTxId, String actor, String reason) {
        return disposeCommitted(invoiceId, ledgerTxId, actor, reason, Origin.NONE);
    }

    /** As above, recording the request that asked for the disposal when it came from this node. */
    ArchivedInvoice disposeCommitted(String invoiceId, String ledgerTxId, String actor, String reason, Origin origin);

    Optional<ArchivedInvoice> get(String invoiceId);

    /**
     * Invoices of {@code issuer} issued (CST) from {@code fromDate} to {@code toDate}
     * inclusive, in date then id order, optionally only those with {@code status} (null =
     * any). Pass the previous page's {@code nextCursor} (or null) to continue.
     */
    default SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status,
                              String cursor, int limit) {
        return search(issuer, fromDate, toDate, status, null, cursor, limit);
    }

    /** As above, and only those flagged with anomaly kind {@code flag} (null = any). */
    SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status, String flag,
                      String cursor, int limit);

    /**
     * Visits every archived invoice (tombstones included) in invoice id order, on the caller's
     * thread, as of the call (a RocksDB iterator's implicit snapshot; writes continue meanwhile,
     * closing the archive waits for the scan). Each record is integrity-checked: a damaged one is
     * handed to {@code onCorrupted} and the scan goes on. An exception thrown by either callback
     * ends the scan and propagates.
     */
    void forEachInvoice(Consumer<ArchivedInvoice> action, Consumer<CorruptedRecordException> onCorrupted);

    /** {@link #forEachInvoice(Consumer, Consumer)}; stops at a damaged record with its {@link CorruptedRecordException}. */
    default void forEachInvoice(Consumer<ArchivedInvoice> action) {
        forEachInvoice(action, e -> {
            throw e;
        });
    }

    /** Invoices per status (every status present, zero included). */
    Map<InvoiceStatus, Long> countByStatus();
}
