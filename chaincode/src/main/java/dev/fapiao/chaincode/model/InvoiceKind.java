package dev.fapiao.chaincode.model;

/** Kind of invoice. */
public enum InvoiceKind {
    NORMAL, SPECIAL_VAT, RED_LETTER
}
