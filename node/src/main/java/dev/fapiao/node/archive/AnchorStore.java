package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Each invoice's anchoring state and the durable outbox of ledger work (ANCHOR entries written
 * by the {@link InvoiceStore}'s put, TRANSITION entries by its status updates). Every method
 * that changes something is durable on return.
 */
public interface AnchorStore {

    /** @throws UnknownInvoiceException when no such invoice is archived */
    AnchorState anchorState(String invoiceId);

    /** Outbox entries with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<OutboxEntry> outbox(long afterSeq, int limit);

    /** The highest outbox sequence number written so far (0 when none). */
    long lastOutboxSeq();

    /** Entries currently in the outbox. */
    long outboxSize();

    /**
     * Throws when the anchoring backlog is at its limit, as a put would: lets callers refuse new
     * work before they spend CPU on sealing it (a racing put still checks inside its write).
     *
     * @throws BackpressureException the backlog is full; retry later
     */
    void checkBacklog();

    /** The invoices' anchoring was submitted as transaction {@code txId} (attempts + 1). */
    void markSubmitted(Collection<String> invoiceIds, String txId);

    /** Anchoring failed (for good or for now) with {@code error}; an anchored invoice stays anchored. */
    void markFailed(Collection<String> invoiceIds, String error);

    /**
     * In one atomic write: the invoices are anchored by {@code txId} in {@code blockNumber},
     * committed at {@code commitTime}, and the outbox entries {@code outboxSeqs} (their work
     * items; unknown sequence numbers are ignored, none is fine) leave the outbox.
     *
     * @throws UnknownInvoiceException when one of the invoices is not archived (nothing changed)
     */
    void acknowledge(Collection<String> invoiceIds, String txId, long blockNumber, Instant commitTime,
                     Collection<Long> outboxSeqs);

    /**
     * In one atomic write: the ledger refused outbox entry {@code outboxSeq} of {@code invoiceId}
     * for good: the invoice's anchoring FAILED with {@code reason} (as {@link #markFailed}), the
     * entry leaves the outbox and the refusal is audited ({@code ANCHOR_REFUSED} by {@code actor}).
     */
    void refuse(long outboxSeq, String invoiceId, String actor, String reason);
}
