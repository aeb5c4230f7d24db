package dev.fapiao.chaincode.model;

import java.util.List;

/** The ledger's record of one anchored invoice (state object type {@code invoice}). */
public record InvoiceRecord(String invoiceId, String issuer, String number, String docHash, String metaHash,
        String issueTime, String retainUntil, InvoiceKind kind, String reverses, List<SignatureEntry> signatures,
        InvoiceStatus status, boolean legalHold, String anchoredTxId, String anchoredAt, Actor anchoredBy,
        Change lastChange) {

    public InvoiceRecord {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** A copy in a new status / hold state, recording the change. */
    public InvoiceRecord withTransition(InvoiceStatus newStatus, boolean newLegalHold, Change change) {
        return new InvoiceRecord(invoiceId, issuer, number, docHash, metaHash, issueTime, retainUntil, kind, reverses,
                signatures, newStatus, newLegalHold, anchoredTxId, anchoredAt, anchoredBy, change);
    }
}
