package dev.fapiao.node.archive;

/**
 * One unit of ledger work in the durable outbox, in sequence order: anchor the invoice, or
 * record a transition. {@code payload} is whatever the writer supplied (e.g. the
 * chaincode's Anchor JSON or transition arguments), possibly null.
 */
public record OutboxEntry(long seq, String invoiceId, Kind kind, String payload) {

    public enum Kind { ANCHOR, TRANSITION }
}
