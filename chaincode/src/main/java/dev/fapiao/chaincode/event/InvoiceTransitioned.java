package dev.fapiao.chaincode.event;

import dev.fapiao.chaincode.model.InvoiceStatus;
import dev.fapiao.chaincode.model.TransitionAction;

/** Event {@code InvoiceTransitioned}. */
public record InvoiceTransitioned(String txId, String invoiceId, TransitionAction action, InvoiceStatus status,
        boolean legalHold, String mspId, String reason, String ref) {
    public static final String NAME = "InvoiceTransitioned";
}
