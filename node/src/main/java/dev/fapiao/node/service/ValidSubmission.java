package dev.fapiao.node.service;

import dev.fapiao.node.archive.HashedDocument;
import dev.fapiao.node.invoice.Invoice;

/**
 * A {@link Submission} the service has checked (the invoice's fields, the document, its media type
 * and the enterprise signature's form, the size limit, the fields against the document). Only
 * {@link InvoiceService#validate} makes one, so whoever holds it need not check again.
 */
public final class ValidSubmission {

    private final Submission submission;
    private final Invoice invoice;
    private final String documentCheck;
    private final HashedDocument document;

    ValidSubmission(Submission submission, Invoice invoice, String documentCheck, HashedDocument document) {
        this.submission = submission;
        this.invoice = invoice;
        this.documentCheck = documentCheck;
        this.document = document;
    }

    public Submission submission() {
        return submission;
    }

    /** The invoice: the submitted fields, or those read from the document of a document-only submission. */
    public Invoice invoice() {
        return invoice;
    }

    /** The node's claim about the document as JSON (docs/documents.md); null when it was not read. */
    public String documentCheck() {
        return documentCheck;
    }

    /** The original with its SM3, hashed once for the reading, the seal and the archive. */
    HashedDocument document() {
        return document;
    }

    /** The invoice id (issuer credit code + number). */
    public String invoiceId() {
        return invoice.id().format();
    }

    /** The seller's credit code: who may submit it. */
    public String seller() {
        return invoice.seller().creditCode();
    }
}
