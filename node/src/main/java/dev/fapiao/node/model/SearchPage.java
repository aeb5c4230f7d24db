package dev.fapiao.node.model;

import dev.fapiao.node.archive.Archive;

import java.util.List;

/** One page of {@link Archive#search}; {@code nextCursor} is null on the last page. */
public record SearchPage(List<ArchivedInvoice> items, String nextCursor) {

    public boolean hasMore() {
        return nextCursor != null;
    }
}
