package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.anomaly.AnomalyDetector;
import dev.fapiao.node.anomaly.Flag;
import dev.fapiao.node.anomaly.Observation;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.AuditLog;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.archive.HashedDocument;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.invoice.InvoiceValidator;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.DisposalRule;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.model.TransitionRefusedException;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.Origin;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** {@link InvoiceService} over the node's archive, seal key and member ledger identities. */
final class ArchiveInvoiceService implements InvoiceService {

    private static final Logger log = LoggerFactory.getLogger(ArchiveInvoiceService.class);
    /** Audit entries read at a time by an export. */
    private static final int AUDIT_CHUNK = 256;

    private final InvoiceStore invoices;
    private final DocumentStore documents;
    private final AnchorStore anchors;
    private final AuditLog auditLog;
    private final InvoiceValidator validator;
    private final Sealer sealer;
    private final RetentionPolicy retention;
    private final long maxDocumentBytes;
    private final Runnable onNewWork;
    private final Clock clock;
    private final MemberLedgers ledgers;
    private final SubmissionDocuments documentReading;
    private final AnomalyDetector anomalies;
    private final OwnTransitions own;

    ArchiveInvoiceService(Archive archive, Sealer sealer, RetentionPolicy retention, long maxDocumentBytes,
                          Runnable onNewWork, Clock clock, MemberLedgers ledgers, DocumentReaders readers,
                          AnomalyDetector anomalies, OwnTransitions own) {
        this.invoices = archive.invoices();
        this.documents = archive.documents();
        this.anchors = archive.anchors();
        this.auditLog = archive.auditLog();
        this.validator = new InvoiceValidator(clock);
        this.sealer = sealer;
        this.retention = retention;
        this.maxDocumentBytes = maxDocumentBytes;
        this.onNewWork = onNewWork;
        this.clock = clock;
        this.ledgers = ledgers;
        this.documentReading = new SubmissionDocuments(readers, validator);
        this.anomalies = anomalies;
        this.own = own;
    }

    // ------------------------------------------------------------------ submissions

    @Override
    public ValidSubmission validate(Submission s) {
        List<FieldError> errors = new ArrayList<>(s.invoice() == null ? List.of() : validator.validate(s.invoice()));
        if (s.document().length == 0) {
            errors.add(new FieldError("document", "empty", "the original document is empty"));
        }
        if (s.contentType() == null || s.contentType().isBlank()) {
            errors.add(new FieldError("contentType", "required", "the document's media type is required"));
        }
        if (s.enterpriseSignature() != null) {
            if (!s.enterpriseSignature().keyId().matches("[0-9a-f]{64}")) {
                errors.add(new FieldError("enterpriseSignature.keyId", "format", "64 lowercase hex characters"));
            }
            try {
                Base64.getDecoder().decode(s.enterpriseSignature().signature());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("enterpriseSignature.signature", "format", "base64 of the DER signature"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (s.document().length > maxDocumentBytes) {
            throw new DocumentTooLargeException(s.document().length, maxDocumentBytes);
        }
        HashedDocument document = HashedDocument.of(s.document()); // the one SM3 pass over the original
        SubmissionDocuments.Resolved read = documentReading.resolve(s, document.sm3Hex());
        return new ValidSubmission(s, read.invoice(), read.documentCheck(), document);
    }

    @Override
    public CompletableFuture<Receipt> submit(ValidSubmission valid, Origin origin) {
        anchors.checkBacklog(); // before the CPU of sealing: an overloaded node refuses cheaply
        Submission s = valid.submission();
        Invoice invoice = valid.invoice();
        String id = valid.invoiceId();
        byte[] metadata = CanonicalJson.of(invoice);
        HashedDocument document = valid.document();
        byte[] metaHash = Sm3.hash(metadata);
        LocalDate retainUntil = retention.retainUntil(invoice);
        Seal seal = sealer.seal(id, document.sm3(), metaHash, invoice.issueTime(), retainUntil);

        List<AnchorPayload.Signature> extra = new ArrayList<>();
        SealRef enterprise = null;
        if (s.enterpriseSignature() != null) {
            // verified against the registry by the chaincode; a bad one fails the anchor, never silently
            enterprise = new SealRef(s.enterpriseSignature().keyId(), s.enterpriseSignature().signature(), SealEncoding.VERSION);
            extra.add(new AnchorPayload.Signature(enterprise.keyId(), enterprise.signature()));
        }
        String anchor = AnchorPayload.of(seal, invoice.type().name(), invoice.reverses(), extra);
        Instant now = clock.instant();
        List<Flag> flags = flags(valid, seal.docHash(), now);
        ArchivedInvoice record = new ArchivedInvoice(id, valid.seller(), invoice.number(),
                seal.issueTime(), seal.issueTime().atOffset(SealEncoding.CST).toLocalDate(),
                seal.docHash(), seal.metaHash(), retainUntil, s.contentType(), s.document().length,
                new String(metadata, StandardCharsets.UTF_8),
                new SealRef(seal.keyId(), seal.signature(), seal.encodingVersion()), enterprise,
                InvoiceStatus.ISSUED, false, now, now, null, valid.documentCheck(),
                flags.stream().map(f -> f.kind().flag()).toList());
        return invoices.put(record, document, anchor, origin).thenApply(r -> {
            // on the archive's writer thread: the request id is set here, not inherited
            try (var rq = origin.requestId() == null ? null : MDC.putCloseable("requestId", origin.requestId())) {
                log.info("archived invoice {} ({}, docHash {}, {} bytes)", id, r.existing() ? "already archived"
                        : "new, outbox seq " + r.outboxSeq(), r.invoice().docHash(), r.invoice().documentSize());
            }
            if (!r.existing()) {
                onNewWork.run();
                for (Flag f : flags) {
                    auditLog.append("node", "anomaly." + f.kind().flag(), id, f.detail());
                }
            }
            return new Receipt(r.invoice(), anchors.anchorState(id), r.existing());
        });
    }

    /**
     * The anomaly flags of a new submission (flagged, never refused); none for a resubmission of an
     * archived id, which the archive answers as idempotent or a conflict.
     */
    private List<Flag> flags(ValidSubmission valid, String docHash, Instant now) {
        if (invoices.get(valid.invoiceId()).isPresent()) {
            return List.of();
        }
        Invoice inv = valid.invoice();
        // this id is not archived, so an archived copy of the bytes belongs to another invoice id
        boolean sameDocument = documents.contains(docHash);
        return anomalies.observe(new Observation(valid.seller(), valid.invoiceId(), inv.totalWithTax(),
                inv.issueTime(), now, inv.type() == InvoiceType.RED_LETTER, sameDocument));
    }

    @Override
    public Map<String, Long> anomalyCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        anomalies.counts().forEach((k, v) -> out.put(k.flag(), v));
        return out;
    }

    @Override
    public void checkBacklog() {
        anchors.checkBacklog();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<ArchivedInvoice> get(String invoiceId) {
        return invoices.get(invoiceId);
    }

    @Override
    public AnchorState anchorState(String invoiceId) {
        return anchors.anchorState(invoiceId);
    }

    @Override
    public Optional<byte[]> document(ArchivedInvoice invoice) {
        return invoice.disposed() ? Optional.empty() : documents.document(invoice.docHash());
    }

    @Override
    public SearchPage search(String issuer, LocalDate from, LocalDate to, InvoiceStatus status, String flag,
                             String cursor, int limit) {
        return invoices.search(issuer, from, to, status, flag, cursor, limit);
    }

    @Override
    public JsonNode provenance(String invoiceId, ActingAs reader)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return new ProvenanceReader(invoices, documents, ledgers().reader(reader)).of(invoiceId);
    }

    // ------------------------------------------------------------------ transitions

    @Override
    public TransitionResult transition(Transition t, ActingAs as, String actor, Origin origin)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        refuseLocally(t);
        // claimed before the commit: the ledger sync may see the block before this request sees its status
        try (OwnTransitions.Pending mine = own.pending(actor, origin)) {
            dev.fapiao.node.ledger.Transition.Result c = ledgers().submitter(as).transition(
                    new dev.fapiao.node.ledger.Transition(t.invoiceId(), t.action().name(), t.reason(), t.ref()),
                    mine);
            TransitionResult result = new TransitionResult(t, c.txId(), c.blockNumber(), c.record().json());
            try (var tx = MDC.putCloseable("txId", c.txId())) {
                log.info("transition {} of {} committed in tx {} block {}", t.action(), t.invoiceId(), c.txId(),
                        c.blockNumber());
            }
            applyLocally(result, actor, origin);
            return result;
        }
    }

    /**
     * Refuses, before any ledger round trip, what the archived record already shows the chaincode
     * would refuse. The archive follows the ledger through the sync, so a hold set elsewhere may not
     * be seen yet: then the chaincode refuses, with the same answer. An invoice this archive does
     * not hold goes to the ledger as before.
     */
    private void refuseLocally(Transition t) {
        ArchivedInvoice local = invoices.get(t.invoiceId()).orElse(null);
        if (local == null) {
            return;
        }
        String id = t.invoiceId();
        if (local.disposed()) {
            throw new TransitionRefusedException(t.action() + " of " + id + ": the invoice was disposed at "
                    + local.disposedAt() + "; a disposed invoice cannot change");
        }
        if (t.action() == Transition.Action.DISPOSE) {
            // our clock makes the transaction time, so the chaincode would judge by the same CST date
            LocalDate today = DisposalRule.today(clock.instant());
            Optional<DisposalRefusedException.Reason> refusal = DisposalRule.refusal(local, today);
            if (refusal.isPresent()) {
                throw new TransitionRefusedException("DISPOSE refused: "
                        + DisposalRefusedException.message(id, refusal.get(), local.retainUntil(), today));
            }
        }
    }

    private void applyLocally(TransitionResult r, String actor, Origin origin) {
        String id = r.transition().invoiceId();
        try {
            Optional<ArchivedInvoice> local = invoices.get(id);
            if (local.isEmpty() || local.get().disposed()) {
                return;
            }
            InvoiceStatus st = InvoiceStatus.valueOf(r.status());
            boolean hold = r.legalHold();
            if (st == InvoiceStatus.DISPOSED) {
                // the archive checks retention and hold again; should its view lag, the sync applies the ledger's
                invoices.dispose(id, actor, r.transition().reason(), origin);
            } else if (local.get().status() != st || local.get().legalHold() != hold) {
                invoices.updateStatus(id, st, hold, actor, r.transition().reason(), null, origin);
            }
        } catch (RuntimeException e) {
            // the ledger is the truth; the ledger sync applies the event again
            log.warn("invoice {}: local status update after the ledger transition failed: {}", id, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ operations

    @Override
    public void audit(String actor, String action, String target, String detail, Origin origin) {
        auditLog.append(actor, action, target, detail, origin);
    }

    @Override
    public long exportAudit(long afterSeq, int limit, Predicate<AuditEntry> include, Consumer<AuditEntry> sink) {
        long cursor = afterSeq;
        int handed = 0;
        while (handed < limit) {
            List<AuditEntry> chunk = auditLog.read(cursor, AUDIT_CHUNK);
            if (chunk.isEmpty()) {
                return cursor;
            }
            for (AuditEntry e : chunk) {
                cursor = e.seq();
                if (include.test(e)) {
                    sink.accept(e);
                    if (++handed == limit) {
                        return cursor;
                    }
                }
            }
        }
        return cursor;
    }

    @Override
    public long outboxSize() {
        return anchors.outboxSize();
    }

    @Override
    public Map<InvoiceStatus, Long> countByStatus() {
        return invoices.countByStatus();
    }

    @Override
    public void checkReady() throws ChaincodeRefusedException, LedgerUnavailableException {
        anchors.outboxSize();
        ledgers().submitter(ActingAs.ENTERPRISE).signer(sealer.keyId()); // any answer: the ledger is reachable
    }

    private MemberLedgers ledgers() {
        if (ledgers == null) {
            throw new ConfigException("this node has no ledger connection");
        }
        return ledgers;
    }
}
