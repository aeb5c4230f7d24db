package dev.fapiao.node.invoice;

/**
 * Seller (the issuer) or buyer. The buyer's credit code is optional (natural persons have
 * none) except on special VAT invoices. Values are unchecked: {@link InvoiceValidator} checks.
 */
public record Party(String name, String creditCode) {

    public Party {
        creditCode = Invoice.emptyToNull(creditCode);
    }
}
