package dev.fapiao.node.invoice;

/** Invoice kinds, named as the chaincode's {@code kind}. */
public enum InvoiceType {
    /** 普通发票. */
    NORMAL,
    /** 增值税专用发票: the buyer's credit code is required. */
    SPECIAL_VAT,
    /** 红字发票: reverses an earlier invoice of the same issuer; amounts are negative. */
    RED_LETTER
}
