package dev.fapiao.chaincode.model;

/** Lifecycle status of an anchored invoice. */
public enum InvoiceStatus {
    ISSUED, DELIVERED, ACCEPTED, RED_REVERSED, DISPOSED
}
