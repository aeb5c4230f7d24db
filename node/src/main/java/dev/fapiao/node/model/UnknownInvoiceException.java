package dev.fapiao.node.model;

/** No invoice with this id is archived. */
public class UnknownInvoiceException extends ArchiveException {
    public UnknownInvoiceException(String invoiceId) {
        super("no archived invoice " + invoiceId);
    }
}
