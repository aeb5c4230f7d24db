package dev.fapiao.bench;

import dev.fapiao.node.invoice.Invoice;

/** One invoice to submit: its structured fields and its XML original. */
public record GeneratedInvoice(Invoice invoice, byte[] document) {

    public String id() {
        return invoice.id().format();
    }
}
