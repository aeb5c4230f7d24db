package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.AuditEntry;

import java.time.Clock;
import java.util.List;

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

    @Override
    public long append(String actor, String action, String target, String detail) {
        require(action != null, "action is required");
        return writer.call(t -> append(t, actor, action, target, detail));
    }

    /** Appends within another store's write (same atomic batch). */
    long append(Txn t, String actor, String action, String target, String detail) {
        long seq = t.addMeta(META_AUDIT_SEQ, 1);
        byte[] key = Codec.u64(seq);
        AuditEntry e = new AuditEntry(seq, clock.instant(), actor, action, target, detail);
        t.put(Cf.AUDIT, key, Codec.frame(key, AuditCodec.encodeAudit(e)));
        return seq;
    }

    @Override
    public List<AuditEntry> read(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        return db.scanSeq(Cf.AUDIT, afterSeq, limit, AuditCodec::decodeAudit);
    }

    @Override
    public long lastSeq() {
        return db.read(() -> db.counter(Cf.META, Codec.utf8(META_AUDIT_SEQ)));
    }
}
