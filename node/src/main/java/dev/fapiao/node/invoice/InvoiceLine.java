package dev.fapiao.node.invoice;

import java.math.BigDecimal;

/**
 * One invoice line. {@code taxCode} is the 19-digit tax classification code (税收分类编码).
 * {@code quantity}, {@code unit} and {@code unitPrice} are optional (null). Values are
 * unchecked: {@link InvoiceValidator} checks.
 */
public record InvoiceLine(
        String name,
        String taxCode,
        BigDecimal quantity,
        String unit,
        BigDecimal unitPrice,
        BigDecimal amount,
        BigDecimal taxRate,
        BigDecimal tax) {

    public InvoiceLine {
        // "" and absent must hash the same, so an empty optional text is absent
        unit = Invoice.emptyToNull(unit);
    }

    /** A line without quantity, unit or unit price. */
    public static InvoiceLine of(String name, String taxCode, BigDecimal amount, BigDecimal taxRate, BigDecimal tax) {
        return new InvoiceLine(name, taxCode, null, null, null, amount, taxRate, tax);
    }
}
