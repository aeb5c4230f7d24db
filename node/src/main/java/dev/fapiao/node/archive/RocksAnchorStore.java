package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code anchors} (id → anchor state) and {@code outbox} (u64 sequence → entry), with the
 * outbox's sequence and size counters in {@code meta}; the counters are cached here after
 * every group write for the lock-free reads of the hot path.
 */
final class RocksAnchorStore implements AnchorStore {

    static final String META_OUTBOX_SEQ = "archive.seq.outbox";
    static final String META_OUTBOX_SIZE = "archive.count.outbox";
    private static final String SYSTEM = "system";

    private final ArchiveDb db;
    private final GroupCommitWriter writer;
    private final RocksAuditLog audit;
    private final long maxBacklog;
    private volatile long lastOutboxSeq;
    private volatile long outboxSize;

    RocksAnchorStore(ArchiveDb db, GroupCommitWriter writer, RocksAuditLog audit) {
        this.db = db;
        this.writer = writer;
        this.audit = audit;
        this.maxBacklog = db.options().maxOutboxBacklog();
        db.read(() -> {
            lastOutboxSeq = db.counter(Cf.META, Codec.utf8(META_OUTBOX_SEQ));
            outboxSize = db.counter(Cf.META, Codec.utf8(META_OUTBOX_SIZE));
            return null;
        });
        writer.afterEachWrite(t -> {
            lastOutboxSeq = t.metaLong(META_OUTBOX_SEQ);
            outboxSize = t.metaLong(META_OUTBOX_SIZE);
        });
    }

    // ------------------------------------------------------------------ reads

    @Override
    public AnchorState anchorState(String invoiceId) {
        return db.read(() -> {
            byte[] key = Codec.utf8(invoiceId);
            byte[] v = db.get(Cf.ANCHORS, key);
            if (v == null) {
                throw new UnknownInvoiceException(invoiceId);
            }
            return AnchorCodec.decodeAnchor(key, Codec.unframe(Cf.ANCHORS, key, v));
        });
    }

    @Override
    public List<OutboxEntry> outbox(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        return db.scanSeq(Cf.OUTBOX, afterSeq, limit, AnchorCodec::decodeOutbox);
    }

    @Override
    public long lastOutboxSeq() {
        return lastOutboxSeq;
    }

    @Override
    public long outboxSize() {
        return outboxSize;
    }

    @Override
    public void checkBacklog() {
        if (maxBacklog > 0 && outboxSize >= maxBacklog) {
            throw backlogFull();
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void markSubmitted(Collection<String> invoiceIds, String txId) {
        List<String> ids = List.copyOf(invoiceIds);
        write(!ids.isEmpty(), t -> update(t, ids, "SUBMITTED", "tx " + txId, (cur, now) ->
                cur.phase() == AnchorState.Phase.ANCHORED ? cur : new AnchorState(AnchorState.Phase.SUBMITTED, txId,
                        -1, null, cur.attempts() + 1, cur.lastError(), now)));
    }

    @Override
    public void markFailed(Collection<String> invoiceIds, String error) {
        List<String> ids = List.copyOf(invoiceIds);
        write(!ids.isEmpty(), t -> fail(t, ids, error));
    }

    @Override
    public void acknowledge(Collection<String> invoiceIds, String txId, long blockNumber, Instant commitTime,
                            Collection<Long> outboxSeqs) {
        List<String> ids = List.copyOf(invoiceIds);
        List<Long> seqs = List.copyOf(outboxSeqs);
        write(!ids.isEmpty() || !seqs.isEmpty(), t -> {
            if (!ids.isEmpty()) {
                update(t, ids, "ANCHORED", "tx " + txId + " block " + blockNumber, (cur, now) ->
                        new AnchorState(AnchorState.Phase.ANCHORED, txId, blockNumber, commitTime,
                                Math.max(cur.attempts(), 1), null, now));
            }
            seqs.forEach(seq -> removeOutbox(t, seq));
        });
    }

    @Override
    public void refuse(long outboxSeq, String invoiceId, String actor, String reason) {
        require(invoiceId != null, "invoiceId is required");
        write(true, t -> {
            fail(t, List.of(invoiceId), reason);
            removeOutbox(t, outboxSeq);
            audit.append(t, actor, "ANCHOR_REFUSED", invoiceId, reason);
        });
    }

    /** One durable write through the writer, skipped when there is nothing to write. */
    private void write(boolean anything, Consumer<Txn> body) {
        if (anything) {
            writer.call(t -> {
                body.accept(t);
                return null;
            });
        }
    }

    private void fail(Txn t, List<String> ids, String error) {
        update(t, ids, "ANCHOR_FAILED", error, (cur, now) -> cur.phase() == AnchorState.Phase.ANCHORED ? cur
                : new AnchorState(AnchorState.Phase.FAILED, cur.txId(), -1, null, cur.attempts(), error, now));
    }

    private interface AnchorChange {
        AnchorState apply(AnchorState current, Instant now);
    }

    private void update(Txn t, List<String> ids, String action, String detail, AnchorChange change) {
        Instant now = db.options().clock().instant();
        for (String id : ids) {
            AnchorState cur = state(t, id);
            if (cur == null) {
                throw new UnknownInvoiceException(id);
            }
            AnchorState next = change.apply(cur, now);
            if (next != cur) {
                put(t, id, next);
            }
        }
        audit.append(t, SYSTEM, action, ids.size() == 1 ? ids.get(0) : ids.size() + " invoices", detail);
    }

    private static void removeOutbox(Txn t, long seq) {
        byte[] key = Codec.u64(seq);
        if (t.read(Cf.OUTBOX, key) != null) {
            t.delete(Cf.OUTBOX, key);
            t.addMeta(META_OUTBOX_SIZE, -1);
        }
    }

    // ------------------------------------------------------------------ within other stores' writes

    static AnchorState state(Txn t, String id) {
        byte[] key = Codec.utf8(id);
        byte[] v = t.read(Cf.ANCHORS, key);
        return v == null ? null : AnchorCodec.decodeAnchor(key, Codec.unframe(Cf.ANCHORS, key, v));
    }

    static void put(Txn t, String id, AnchorState a) {
        byte[] key = Codec.utf8(id);
        t.put(Cf.ANCHORS, key, Codec.frame(key, AnchorCodec.encodeAnchor(a)));
    }

    /** Appends an outbox entry; returns its sequence number. */
    static long appendOutbox(Txn t, String id, OutboxEntry.Kind kind, String payload) {
        return appendOutbox(t, id, kind, payload, null);
    }

    /** As above, for the work of HTTP request {@code requestId} (may be null). */
    static long appendOutbox(Txn t, String id, OutboxEntry.Kind kind, String payload, String requestId) {
        long seq = t.addMeta(META_OUTBOX_SEQ, 1);
        t.addMeta(META_OUTBOX_SIZE, 1);
        byte[] key = Codec.u64(seq);
        t.put(Cf.OUTBOX, key, Codec.frame(key, AnchorCodec.encodeOutbox(new OutboxEntry(seq, id, kind, payload,
                requestId))));
        return seq;
    }

    /** Refuses new anchoring work inside a write when the backlog is at its limit. */
    void requireBacklogRoom(Txn t) {
        if (maxBacklog > 0 && t.metaLong(META_OUTBOX_SIZE) >= maxBacklog) {
            throw backlogFull();
        }
    }

    private BackpressureException backlogFull() {
        return new BackpressureException("anchoring backlog is full (" + maxBacklog
                + " invoices wait for the ledger); retry later");
    }
}
