package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.anomaly.AnomalyDetector;
import dev.fapiao.node.anomaly.AnomalyRules;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.seal.Sealer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The archive node's one door for invoices: validate → seal → durable archive → outbox on the way
 * in; reads, status transitions (through the ledger, then applied here) and provenance. The domain
 * rules live behind it once: validation once per submission ({@link ValidSubmission}), the
 * disposal rule ({@link dev.fapiao.node.model.DisposalRule}), China Standard Time. Thread-safe;
 * every call blocks (hashing, signing, RocksDB, Fabric), so call it off event loops.
 */
public interface InvoiceService {

    /**
     * Checks a submission once. Invoice fields are named relative to the invoice ("number");
     * the submission's own fields as "document", "contentType", "enterpriseSignature.keyId".
     *
     * @throws dev.fapiao.node.invoice.ValidationException every bad field, nothing written
     * @throws DocumentTooLargeException the original is over the limit, nothing written
     * @throws DocumentMismatchException the fields differ from those read from the document, nothing written
     */
    ValidSubmission validate(Submission submission);

    /**
     * Seals and archives a validated invoice. The future completes once it is durably archived (the
     * acknowledgement); anchoring then happens asynchronously through the outbox.
     *
     * @throws dev.fapiao.node.model.BackpressureException too much unanchored work; retry later
     */
    default CompletableFuture<Receipt> submit(ValidSubmission submission) {
        return submit(submission, Origin.NONE);
    }

    /**
     * As above, for the request {@code origin}: the archive's audit entry records its request and
     * token ids, and the anchoring transaction's commit is logged with the request id.
     */
    CompletableFuture<Receipt> submit(ValidSubmission submission, Origin origin);

    /** {@link #validate} then {@link #submit(ValidSubmission)}. */
    default CompletableFuture<Receipt> submit(Submission submission) {
        return submit(validate(submission));
    }

    /** Refuses new work cheaply when too much is unanchored (before parsing a batch). */
    void checkBacklog();

    Optional<ArchivedInvoice> get(String invoiceId);

    AnchorState anchorState(String invoiceId);

    /** The original document of an archived invoice; empty once disposed of. */
    Optional<byte[]> document(ArchivedInvoice invoice);

    /**
     * Invoices of {@code issuer} issued (CST) from {@code from} to {@code to}, optionally of one
     * status, a page after {@code cursor} (null for the first).
     *
     * @throws IllegalArgumentException when the cursor is not one from a previous page
     */
    default SearchPage search(String issuer, LocalDate from, LocalDate to, InvoiceStatus status, String cursor, int limit) {
        return search(issuer, from, to, status, null, cursor, limit);
    }

    /** As above, only invoices flagged with anomaly {@code flag} (e.g. {@code burst}; null = any). */
    SearchPage search(String issuer, LocalDate from, LocalDate to, InvoiceStatus status, String flag, String cursor,
                      int limit);

    /** Anomaly flags raised since start, by flag name (every kind present; docs/documents.md). */
    Map<String, Long> anomalyCounts();

    /**
     * Commits a transition on the ledger as {@code as}, then applies it to the local record (the
     * ledger sync would too). What the archived record shows the chaincode would refuse — any change
     * of a disposed invoice, a disposal under hold or before retention ends — is refused first.
     *
     * @throws dev.fapiao.node.model.TransitionRefusedException refused from the archived record
     * @throws ChaincodeRefusedException refused by the chaincode
     * @throws LedgerUnavailableException the ledger did not answer or commit; retry
     */
    default TransitionResult transition(Transition transition, ActingAs as, String actor)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return transition(transition, as, actor, Origin.NONE);
    }

    /** As above, for the request {@code origin}: the local status change's audit entry records its ids. */
    TransitionResult transition(Transition transition, ActingAs as, String actor, Origin origin)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /**
     * Every ledger transaction on an invoice (oldest first) and a verdict recomputed here: the
     * archived document hashes to the anchored docHash, every anchored seal verifies with the
     * registered key, valid when it signed. The ledger is read as {@code reader}.
     *
     * @throws dev.fapiao.node.model.UnknownInvoiceException neither archived here nor anchored
     */
    JsonNode provenance(String invoiceId, ActingAs reader) throws ChaincodeRefusedException, LedgerUnavailableException;

    /** Leaves an audit entry (who did what to which target, and the outcome). */
    default void audit(String actor, String action, String target, String detail) {
        audit(actor, action, target, detail, Origin.NONE);
    }

    /** As above, for the request {@code origin} (its request id and the token's {@code jti}). */
    void audit(String actor, String action, String target, String detail, Origin origin);

    /**
     * Audit entries after sequence {@code afterSeq} that {@code include} accepts, oldest first, handed to
     * {@code sink} as they are read (a bounded chunk at a time) until {@code limit} were handed over or the
     * log ends; returns the sequence of the last entry examined (the resume point).
     */
    long exportAudit(long afterSeq, int limit, java.util.function.Predicate<AuditEntry> include,
                     java.util.function.Consumer<AuditEntry> sink);

    /** Unanchored work in the outbox. */
    long outboxSize();

    Map<InvoiceStatus, Long> countByStatus();

    /** Throws unless the archive is open and the ledger answers the node's identity. */
    void checkReady() throws ChaincodeRefusedException, LedgerUnavailableException;

    /** The service over an open archive and the node's seal key; {@code ledgers} null: no ledger calls. */
    static InvoiceService create(Archive archive, Sealer sealer, RetentionPolicy retention, long maxDocumentBytes,
                                 Runnable onNewWork, Clock clock, MemberLedgers ledgers) {
        return create(archive, sealer, retention, maxDocumentBytes, onNewWork, clock, ledgers,
                DocumentReaders.create(), AnomalyDetector.create(AnomalyRules.defaults()), new OwnTransitions());
    }

    /**
     * As above, with the node's document readers (its trusted seal CAs), anomaly rules, and the
     * transitions in flight that it shares with the ledger sync ({@link ArchiveSyncTarget}).
     */
    static InvoiceService create(Archive archive, Sealer sealer, RetentionPolicy retention, long maxDocumentBytes,
                                 Runnable onNewWork, Clock clock, MemberLedgers ledgers, DocumentReaders readers,
                                 AnomalyDetector anomalies, OwnTransitions own) {
        return new ArchiveInvoiceService(archive, sealer, retention, maxDocumentBytes, onNewWork, clock, ledgers,
                readers, anomalies, own);
    }
}
