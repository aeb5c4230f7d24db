package dev.fapiao.bench;

import dev.fapiao.node.invoice.Invoice;

/**
 * One invoice to submit: its structured fields, its XML original and (when made by
 * {@link InvoiceSource}) the submission JSON of both, as UTF-8.
 */
public record GeneratedInvoice(Invoice invoice, byte[] document, byte[] submission) {

    public String id() {
        return invoice.id().format();
    }
}
