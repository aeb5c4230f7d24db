package dev.fapiao.node.archive;

/**
 * How far the ledger sync has applied the chain to this archive: every block up to and
 * including {@code blockNumber}. Not the Merkle tree head (that is a Checkpoint).
 */
public record SyncCursor(long blockNumber) {

    public SyncCursor {
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must be >= 0, was " + blockNumber);
        }
    }
}
