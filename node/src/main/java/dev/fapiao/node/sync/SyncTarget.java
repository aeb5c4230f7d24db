package dev.fapiao.node.sync;

import java.util.OptionalLong;

/** Where ledger events land: the local archive, and its durable sync checkpoint. */
public interface SyncTarget {

    /** Applies one event; must be idempotent (events after the checkpoint may be replayed). */
    void apply(LedgerEvent event);

    /** The last block whose events were all applied, if any. */
    OptionalLong checkpoint();

    /** Durably records that every event up to and including {@code blockNumber} is applied. */
    void checkpoint(long blockNumber);
}
