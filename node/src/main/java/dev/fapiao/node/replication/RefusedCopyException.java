package dev.fapiao.node.replication;

/**
 * A fetched copy failed a check against the ledger: which check, and both values. The copy is
 * not stored; the replicator counts it and asks the next node.
 */
public final class RefusedCopyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Reason {
        /** The record does not name the anchored invoice, issue time or retain-until date. */
        RECORD,
        /** The document's SM3 is not the anchored docHash. */
        DOC_HASH,
        /** The metadata's SM3 is not the anchored metaHash. */
        META_HASH,
        /** A seal signature does not verify with its registered key, or is not the anchored one. */
        SEAL_SIGNATURE,
        /** A seal names a key the signer registry does not hold. */
        UNKNOWN_SIGNER
    }

    private final Reason reason;
    private final String invoiceId;
    private final String expected;
    private final String actual;

    RefusedCopyException(Reason reason, String invoiceId, String expected, String actual) {
        super(invoiceId + ": " + reason + " (expected " + expected + ", got " + actual + ")");
        this.reason = reason;
        this.invoiceId = invoiceId;
        this.expected = expected;
        this.actual = actual;
    }

    public Reason reason() {
        return reason;
    }

    public String invoiceId() {
        return invoiceId;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
