package dev.fapiao.node.archive;

import java.util.List;

/**
 * The archive's history as typed events, read by cursor: each newly archived invoice once, in
 * archive (writer) order. The cursor is a position in the archive's audit sequence, so a
 * follower that stores it with what it derived resumes exactly after a restart.
 */
public interface InvoiceFeed {

    /**
     * The invoices archived after position {@code afterSeq}, looking at most {@code limit}
     * positions ahead.
     */
    Page archivedAfter(long afterSeq, int limit);

    /**
     * @param events  the invoices archived in the positions read, in order
     * @param lastSeq the last position read (the next call's {@code afterSeq}); the given
     *                {@code afterSeq} when there was nothing new
     * @param end     fewer positions than the limit were left: the follower is at the end
     */
    record Page(List<InvoiceArchived> events, long lastSeq, boolean end) {

        public Page {
            events = List.copyOf(events);
        }
    }
}
