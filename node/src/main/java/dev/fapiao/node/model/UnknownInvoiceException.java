package dev.fapiao.node.model;

/** No invoice with this id is archived. */
public class UnknownInvoiceException extends ArchiveException {
    public UnknownInvoiceException(String invoiceId) {
        super("no archived invoice " + invoiceId);
    }

    /** With a message saying where else the invoice was looked for. */
    public UnknownInvoiceException(String invoiceId, String message) {
        super(message);
    }
}
