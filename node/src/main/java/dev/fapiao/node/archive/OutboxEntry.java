package dev.fapiao.node.archive;

/**
 * One unit of ledger work in the durable outbox, in sequence order: anchor the invoice, or
 * record a transition. {@code payload} is whatever the writer supplied (e.g. the
 * chaincode's Anchor JSON or transition arguments), possibly null.
 */
public record OutboxEntry(long seq, String invoiceId, Kind kind, String payload, String requestId) {

    /** {@code requestId}: the HTTP request that caused the work (null when none): logged when it commits. */
    public OutboxEntry(long seq, String invoiceId, Kind kind, String payload) {
        this(seq, invoiceId, kind, payload, null);
    }

    public enum Kind { ANCHOR, TRANSITION }
}
