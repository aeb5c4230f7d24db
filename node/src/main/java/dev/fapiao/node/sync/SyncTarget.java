package dev.fapiao.node.sync;

import dev.fapiao.node.ledger.LedgerEvent;
import java.util.OptionalLong;

/** Where ledger events land: the local archive, and its durable sync cursor. */
public interface SyncTarget {

    /** Applies one event; must be idempotent (events after the cursor may be replayed). */
    void apply(LedgerEvent event);

    /** The sync cursor: the last block whose events were all applied, if any. */
    OptionalLong cursor();

    /** Durably moves the sync cursor: every event up to and including {@code blockNumber} is applied. */
    void advanceCursor(long blockNumber);
}
