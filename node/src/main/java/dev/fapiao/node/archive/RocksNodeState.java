package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node's named values in {@code meta}, framed u64 counters under the keys callers used
 * before these accessors existed ({@code sync.block}, {@code sync.missingDocuments}); keys
 * starting with {@code archive.} belong to the stores.
 */
final class RocksNodeState implements NodeState {

    static final String RESERVED_META_PREFIX = "archive.";
    static final String SYNC_BLOCK = "sync.block";
    static final String MISSING_DOCUMENTS = "sync.missingDocuments";
    static final String REPLICATION = "replication.";

    private final ArchiveDb db;
    private final GroupCommitWriter writer;

    RocksNodeState(ArchiveDb db, GroupCommitWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    public Optional<SyncCursor> syncCursor() {
        OptionalLong block = getLong(SYNC_BLOCK);
        return block.isPresent() ? Optional.of(new SyncCursor(block.getAsLong())) : Optional.empty();
    }

    @Override
    public void saveSyncCursor(SyncCursor cursor) {
        require(cursor != null, "cursor is required");
        putLong(SYNC_BLOCK, cursor.blockNumber());
    }

    @Override
    public long missingDocuments() {
        return getLong(MISSING_DOCUMENTS).orElse(0);
    }

    @Override
    public long countMissingDocument() {
        return writer.call(t -> t.addMeta(MISSING_DOCUMENTS, 1));
    }

    @Override
    public Optional<ReplicationProgress> replicationProgress() {
        OptionalLong block = getLong(REPLICATION + "block");
        if (block.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplicationProgress(block.getAsLong(), getLong(REPLICATION + "held").orElse(0),
                getLong(REPLICATION + "missing").orElse(0), getLong(REPLICATION + "refused").orElse(0)));
    }

    @Override
    public void saveReplicationProgress(ReplicationProgress p) {
        require(p != null, "progress is required");
        writer.call(t -> {
            t.putCounter(Cf.META, userKey(REPLICATION + "block"), p.block());
            t.putCounter(Cf.META, userKey(REPLICATION + "held"), p.held());
            t.putCounter(Cf.META, userKey(REPLICATION + "missing"), p.missing());
            t.putCounter(Cf.META, userKey(REPLICATION + "refused"), p.refused());
            return null;
        });
    }

    /** A node value (not one of the stores' {@code archive.} keys), durable on return. */
    void putLong(String key, long value) {
        byte[] k = userKey(key);
        writer.call(t -> {
            t.putCounter(Cf.META, k, value);
            return null;
        });
    }

    OptionalLong getLong(String key) {
        byte[] k = Codec.utf8(key);
        return db.read(() -> {
            byte[] v = db.get(Cf.META, k);
            if (v == null) {
                return OptionalLong.empty();
            }
            byte[] p = Codec.unframe(Cf.META, k, v);
            if (p.length != 8) {
                throw Codec.corrupt(Cf.META, k, "not a long value");
            }
            return OptionalLong.of(Codec.u64(p));
        });
    }

    static byte[] userKey(String key) {
        require(key != null && !key.isBlank(), "meta key is required");
        require(!key.startsWith(RESERVED_META_PREFIX),
                "meta keys starting with '" + RESERVED_META_PREFIX + "' are reserved");
        return Codec.utf8(key);
    }
}
