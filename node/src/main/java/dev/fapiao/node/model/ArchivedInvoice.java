package dev.fapiao.node.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One archived invoice: a plain value the archive stores as given. {@code invoiceId} is
 * {@code issuer + number}; {@code issueDate} is the issue time's date in China Standard
 * Time; {@code docHash} and {@code metaHash} are lowercase hex SM3; {@code metadataJson} is
 * the canonical (RFC 8785) metadata JSON whose SM3 is {@code metaHash};
 * {@code enterpriseSignature} may be null; {@code disposedAt} is null until the invoice is
 * disposed, after which this record stays as a tombstone (its document bytes may be gone).
 * {@code documentCheck} is the node's claim about the document as JSON (docs/documents.md), null when
 * the document was not read (opaque, an unknown format, or a record older than the check);
 * {@code flags} are the anomaly kinds flagged on arrival (docs/documents.md, "Anomaly flags").
 */
public record ArchivedInvoice(
        String invoiceId,
        String issuer,
        String number,
        Instant issueTime,
        LocalDate issueDate,
        String docHash,
        String metaHash,
        LocalDate retainUntil,
        String contentType,
        long documentSize,
        String metadataJson,
        SealRef seal,
        SealRef enterpriseSignature,
        InvoiceStatus status,
        boolean legalHold,
        Instant receivedAt,
        Instant updatedAt,
        Instant disposedAt,
        String documentCheck,
        List<String> flags) {

    public ArchivedInvoice {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A record without a document check or flags. */
    public ArchivedInvoice(String invoiceId, String issuer, String number, Instant issueTime, LocalDate issueDate,
            String docHash, String metaHash, LocalDate retainUntil, String contentType, long documentSize,
            String metadataJson, SealRef seal, SealRef enterpriseSignature, InvoiceStatus status, boolean legalHold,
            Instant receivedAt, Instant updatedAt, Instant disposedAt) {
        this(invoiceId, issuer, number, issueTime, issueDate, docHash, metaHash, retainUntil, contentType,
                documentSize, metadataJson, seal, enterpriseSignature, status, legalHold, receivedAt, updatedAt,
                disposedAt, null, List.of());
    }

    /** The node's claim about the document, when it read it. */
    public Optional<String> documentCheckJson() {
        return Optional.ofNullable(documentCheck);
    }

    /** The enterprise's own signature, when it sent one. */
    public Optional<SealRef> enterpriseSeal() {
        return Optional.ofNullable(enterpriseSignature);
    }

    /** True for a tombstone: the invoice was disposed after its retention period. */
    public boolean disposed() {
        return disposedAt != null;
    }

    /** Same content identity (what a re-submission must match to be idempotent). */
    public boolean sameContent(ArchivedInvoice other) {
        return invoiceId.equals(other.invoiceId)
                && docHash.equals(other.docHash)
                && metaHash.equals(other.metaHash)
                && issueTime.equals(other.issueTime)
                && retainUntil.equals(other.retainUntil);
    }

    public ArchivedInvoice withStatus(InvoiceStatus newStatus, boolean newLegalHold, Instant at) {
        return new ArchivedInvoice(invoiceId, issuer, number, issueTime, issueDate, docHash, metaHash,
                retainUntil, contentType, documentSize, metadataJson, seal, enterpriseSignature,
                newStatus, newLegalHold, receivedAt, at, disposedAt, documentCheck, flags);
    }

    public ArchivedInvoice asDisposed(Instant at) {
        return new ArchivedInvoice(invoiceId, issuer, number, issueTime, issueDate, docHash, metaHash,
                retainUntil, contentType, documentSize, metadataJson, seal, enterpriseSignature,
                InvoiceStatus.DISPOSED, legalHold, receivedAt, at, at, documentCheck, flags);
    }
}
