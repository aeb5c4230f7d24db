package dev.fapiao.node.anchor;

/** What the ledger said about one committed {@code anchorBatch} transaction. */
public record LedgerBatch(String txId, long blockNumber, byte[] result) {}
