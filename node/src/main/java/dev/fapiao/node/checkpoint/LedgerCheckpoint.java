package dev.fapiao.node.checkpoint;

/** The latest checkpoint of a node as the ledger holds it ({@code getCheckpoint}). */
public record LedgerCheckpoint(long treeSize, String rootHash) {
}
