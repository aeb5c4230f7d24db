package dev.fapiao.node.archive;

/**
 * How far the replicator got (docs/operations.md, "Replicating a new member's archive"): every
 * block up to and including {@code block} is done; {@code held} anchored invoices of its policy are
 * in this archive, {@code missing} could be fetched from no peer, {@code refused} copies failed a check.
 */
public record ReplicationProgress(long block, long held, long missing, long refused) {

    public ReplicationProgress {
        if (block < 0 || held < 0 || missing < 0 || refused < 0) {
            throw new IllegalArgumentException("replication progress must not be negative");
        }
    }
}
