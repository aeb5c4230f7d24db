package dev.fapiao.node.service;

import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.archive.HashedDocument;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceValidator;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The archive node's front door for enterprises: validate → seal → durable archive →
 * outbox. The returned future completes once the invoice is durably archived (the
 * acknowledgement); anchoring then happens asynchronously through the outbox.
 * Thread-safe; hashing and signing run on the caller's thread.
 */
public final class ArchiveNode {

    private final InvoiceStore invoices;
    private final AnchorStore anchors;
    private final InvoiceValidator validator;
    private final Sealer sealer;
    private final RetentionPolicy retention;
    private final long maxDocumentBytes;
    private final Runnable onNewWork;
    private final Clock clock;

    public ArchiveNode(InvoiceStore invoices, AnchorStore anchors, InvoiceValidator validator, Sealer sealer,
                       RetentionPolicy retention, long maxDocumentBytes, Runnable onNewWork, Clock clock) {
        this.invoices = invoices;
        this.anchors = anchors;
        this.validator = validator;
        this.sealer = sealer;
        this.retention = retention;
        this.maxDocumentBytes = maxDocumentBytes;
        this.onNewWork = onNewWork;
        this.clock = clock;
    }

    /**
     * Seals and archives one invoice.
     *
     * @throws ValidationException every bad field of the invoice or the submission, nothing written
     * @throws DocumentTooLargeException the original is over the limit, nothing written
     * @throws dev.fapiao.node.model.BackpressureException too much unanchored work; retry later
     */
    public CompletableFuture<Receipt> submit(Submission s) {
        check(s);
        anchors.checkBacklog(); // before the CPU of sealing: an overloaded node refuses cheaply
        Invoice invoice = s.invoice();
        String id = invoice.id().format();
        byte[] metadata = CanonicalJson.of(invoice);
        HashedDocument document = HashedDocument.of(s.document()); // the one SM3 pass over the original
        byte[] docHash = document.sm3();
        byte[] metaHash = Sm3.hash(metadata);
        LocalDate retainUntil = retention.retainUntil(invoice);
        Seal seal = sealer.seal(id, docHash, metaHash, invoice.issueTime(), retainUntil);

        List<AnchorPayload.Signature> extra = new ArrayList<>();
        SealRef enterprise = null;
        if (s.enterpriseSignature() != null) {
            // verified against the registry by the chaincode; a bad one fails the anchor, never silently
            enterprise = new SealRef(s.enterpriseSignature().keyId(), s.enterpriseSignature().signature(), SealEncoding.VERSION);
            extra.add(new AnchorPayload.Signature(enterprise.keyId(), enterprise.signature()));
        }
        String anchor = AnchorPayload.of(seal, invoice.type().name(), invoice.reverses(), extra);
        Instant now = clock.instant();
        ArchivedInvoice record = new ArchivedInvoice(id, invoice.seller().creditCode(), invoice.number(),
                seal.issueTime(), seal.issueTime().atOffset(SealEncoding.CST).toLocalDate(),
                seal.docHash(), seal.metaHash(), retainUntil, s.contentType(), s.document().length,
                new String(metadata, StandardCharsets.UTF_8),
                new SealRef(seal.keyId(), seal.signature(), seal.encodingVersion()), enterprise,
                InvoiceStatus.ISSUED, false, now, now, null);
        return invoices.put(record, document, anchor).thenApply(r -> {
            if (!r.existing()) {
                onNewWork.run();
            }
            return new Receipt(r.invoice(), anchors.anchorState(id), r.existing());
        });
    }

    private void check(Submission s) {
        List<FieldError> errors = new ArrayList<>(validator.validate(s.invoice()));
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
    }

    public Sealer sealer() {
        return sealer;
    }
}
