package dev.fapiao.node.archive;

import java.util.Optional;

/**
 * The node's small durable state next to the archive (the {@code meta} column family), each
 * item with a name and a type. Writes are durable on return.
 */
public interface NodeState {

    /** The ledger sync's cursor; empty before the first synced block. */
    Optional<SyncCursor> syncCursor();

    void saveSyncCursor(SyncCursor cursor);

    /** Invoices anchored on the ledger whose document this node does not hold, as counted by the sync. */
    long missingDocuments();

    /** Counts one more missing document (atomically); returns the new count. */
    long countMissingDocument();

    /** The replicator's durable progress; empty before it finished its first block. */
    Optional<ReplicationProgress> replicationProgress();

    /** Saves all of {@code progress} in one write (durable on return). */
    void saveReplicationProgress(ReplicationProgress progress);
}
