package dev.fapiao.node.anchor;

import java.time.Instant;
import java.util.List;

/**
 * The pipeline's view of the durable outbox. Items stay in the outbox until their
 * anchoring is committed, so a restart resumes from it; the chaincode's idempotent
 * re-anchoring is the second guard against anchoring twice.
 */
public interface AnchorQueue {

    /**
     * The highest sequence number whose outbox entry is already visible to {@link #next}
     * (0 when none): a cheap backlog estimate. Never a number still being written.
     */
    long lastSeq();

    /** Outbox items after {@code afterSeq}, in sequence order, at most {@code limit}. */
    List<AnchorItem> next(long afterSeq, int limit);

    /** The batch was handed to the ordering service as transaction {@code txId}. */
    void submitted(List<AnchorItem> items, String txId);

    /** The items are anchored (by {@code txId} in {@code blockNumber}); drop them from the outbox. */
    void anchored(List<AnchorItem> items, String txId, long blockNumber, Instant committedAt);

    /** The ledger refused this item for good (e.g. a conflict); drop it from the outbox, keep the reason. */
    void failed(AnchorItem item, String reason);
}
