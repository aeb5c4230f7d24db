package dev.fapiao.node.ledger;

/**
 * One version of a ledger record from a history query ({@code [{txId, timestamp, deleted, value}]},
 * newest first as the peer returns it). {@code timestamp} is the transaction time (ISO-8601).
 */
public record LedgerVersion<T>(String txId, String timestamp, boolean deleted, T value) {
}
