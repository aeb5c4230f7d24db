package dev.fapiao.node.checkpoint;

import java.time.Instant;

/**
 * A checkpoint this node anchored on the ledger: the tree size and root (lowercase hex SM3), the
 * transaction and block that committed it, and when the node recorded it.
 */
public record AnchoredCheckpoint(long treeSize, String rootHash, String txId, long blockNumber, Instant recordedAt) {
}
