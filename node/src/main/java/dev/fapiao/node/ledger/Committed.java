package dev.fapiao.node.ledger;

/** A committed transaction: its id and the block that holds it. */
public record Committed(String txId, long blockNumber) {
}
