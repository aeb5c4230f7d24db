package dev.fapiao.node.model;

import java.util.List;

/** One page of {@code InvoiceStore.search} (archive); {@code nextCursor} is null on the last page. */
public record SearchPage(List<ArchivedInvoice> items, String nextCursor) {

    public boolean hasMore() {
        return nextCursor != null;
    }
}
