package dev.fapiao.node.ledger;

/** What the ledger said about one committed {@code anchorBatch} transaction. */
public record LedgerBatch(String txId, long blockNumber, byte[] result) {}
