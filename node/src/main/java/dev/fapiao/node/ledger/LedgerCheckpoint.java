package dev.fapiao.node.ledger;

/** The latest checkpoint of a node as the ledger holds it ({@code getCheckpoint}). */
public record LedgerCheckpoint(long treeSize, String rootHash) {
}
