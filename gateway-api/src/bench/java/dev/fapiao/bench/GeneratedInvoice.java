package dev.fapiao.bench;

import dev.fapiao.node.invoice.Invoice;

/**
 * One invoice to submit: its structured fields, its XML original and (when made by
 * {@link InvoiceSource}) the submission JSON of both, as UTF-8, and the head of its binary frame
 * (lengths and metadata JSON; the document follows it on the wire).
 */
public record GeneratedInvoice(Invoice invoice, byte[] document, byte[] submission, byte[] frameHead) {

    public GeneratedInvoice(Invoice invoice, byte[] document) {
        this(invoice, document, null, null);
    }

    public String id() {
        return invoice.id().format();
    }
}
