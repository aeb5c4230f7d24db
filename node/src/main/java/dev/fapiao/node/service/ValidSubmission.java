package dev.fapiao.node.service;

/**
 * A {@link Submission} the service has checked (the invoice's fields, the document, its media type
 * and the enterprise signature's form, the size limit). Only {@link InvoiceService#validate} makes
 * one, so whoever holds it need not check again.
 */
public final class ValidSubmission {

    private final Submission submission;

    ValidSubmission(Submission submission) {
        this.submission = submission;
    }

    public Submission submission() {
        return submission;
    }

    /** The invoice id (issuer credit code + number). */
    public String invoiceId() {
        return submission.invoice().id().format();
    }

    /** The seller's credit code: who may submit it. */
    public String seller() {
        return submission.invoice().seller().creditCode();
    }
}
