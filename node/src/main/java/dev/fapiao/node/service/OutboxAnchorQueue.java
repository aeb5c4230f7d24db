package dev.fapiao.node.service;

import dev.fapiao.node.anchor.AnchorItem;
import dev.fapiao.node.anchor.AnchorQueue;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.archive.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The anchoring pipeline's queue: the archive's durable outbox (ANCHOR entries). */
public final class OutboxAnchorQueue implements AnchorQueue {

    private final AnchorStore anchors;

    public OutboxAnchorQueue(AnchorStore anchors) {
        this.anchors = anchors;
    }

    @Override
    public long lastSeq() {
        return anchors.lastOutboxSeq();
    }

    @Override
    public List<AnchorItem> next(long afterSeq, int limit) {
        List<AnchorItem> items = new ArrayList<>(limit);
        for (OutboxEntry e : anchors.outbox(afterSeq, limit)) {
            if (e.kind() == OutboxEntry.Kind.ANCHOR && e.payload() != null) {
                items.add(new AnchorItem(e.seq(), e.invoiceId(), e.payload(), e.requestId()));
            }
        }
        return items;
    }

    @Override
    public void submitted(List<AnchorItem> items, String txId) {
        anchors.markSubmitted(ids(items), txId);
    }

    @Override
    public void anchored(List<AnchorItem> items, String txId, long blockNumber, Instant committedAt) {
        anchors.acknowledge(ids(items), txId, blockNumber, committedAt, items.stream().map(AnchorItem::seq).toList());
    }

    @Override
    public void failed(AnchorItem item, String reason) {
        anchors.refuse(item.seq(), item.invoiceId(), "ledger", reason);
    }

    private static List<String> ids(List<AnchorItem> items) {
        return items.stream().map(AnchorItem::invoiceId).toList();
    }
}
