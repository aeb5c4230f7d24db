package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.Origin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/** {@code audit}: u64 sequence → framed JSON entry; the sequence counter lives in {@code meta}. */
final class RocksAuditLog implements AuditLog {

    static final String META_AUDIT_SEQ = "archive.seq.audit";

    private final ArchiveDb db;
    private final GroupCommitWriter writer;
    private final Clock clock;

    RocksAuditLog(ArchiveDb db, GroupCommitWriter writer) {
        this.db = db;
        this.writer = writer;
        this.clock = db.options().clock();
    }

    /** Entries examined (and deleted) per write while pruning: bounded memory and batch size. */
    static final int PRUNE_CHUNK = 1000;

    @Override
    public long append(String actor, String action, String target, String detail, Origin origin) {
        require(action != null, "action is required");
        return writer.call(t -> append(t, actor, action, target, detail, origin));
    }

    /** Appends within another store's write (same atomic batch). */
    long append(Txn t, String actor, String action, String target, String detail) {
        return append(t, actor, action, target, detail, Origin.NONE);
    }

    /** As above, caused by the request {@code origin}. */
    long append(Txn t, String actor, String action, String target, String detail, Origin origin) {
        long seq = t.addMeta(META_AUDIT_SEQ, 1);
        byte[] key = Codec.u64(seq);
        Origin o = origin == null ? Origin.NONE : origin;
        AuditEntry e = new AuditEntry(seq, clock.instant(), actor, action, target, detail, o.requestId(), o.tokenId());
        t.put(Cf.AUDIT, key, Codec.frame(key, AuditCodec.encodeAudit(e)));
        return seq;
    }

    @Override
    public List<AuditEntry> read(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        return db.scanSeq(Cf.AUDIT, afterSeq, limit, AuditCodec::decodeAudit);
    }

    @Override
    public long prune(BiPredicate<AuditEntry, Optional<ArchivedInvoice>> expired) {
        long removed = 0;
        long after = 0;
        while (true) {
            List<AuditEntry> chunk = read(after, PRUNE_CHUNK);
            if (chunk.isEmpty()) {
                return removed;
            }
            List<byte[]> doomed = new ArrayList<>();
            for (AuditEntry e : chunk) {
                if (RocksInvoiceStore.PUT_ACTION.equals(e.action())) {
                    continue; // the invoice feed (Merkle log) reads these
                }
                Optional<ArchivedInvoice> concerned = e.target() == null ? Optional.empty()
                        : Optional.ofNullable(db.read(() -> RocksInvoiceStore.read(db, e.target())));
                if (expired.test(e, concerned)) {
                    doomed.add(Codec.u64(e.seq()));
                }
            }
            if (!doomed.isEmpty()) {
                writer.call(t -> {
                    doomed.forEach(k -> t.delete(Cf.AUDIT, k));
                    return null;
                });
                removed += doomed.size();
            }
            after = chunk.get(chunk.size() - 1).seq();
        }
    }

    @Override
    public long lastSeq() {
        return db.read(() -> db.counter(Cf.META, Codec.utf8(META_AUDIT_SEQ)));
    }
}
