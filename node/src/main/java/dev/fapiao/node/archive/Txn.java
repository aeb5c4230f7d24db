package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The writer's view during one group (see {@link GroupCommitWriter}): reads see the group's
 * earlier writes (so two puts of one id in a group behave as if sequential); an operation's
 * own writes are kept apart until it succeeds, so a failed operation leaves nothing behind.
 * Used on the writer thread only. Stores add their typed reads and writes on top.
 */
final class Txn {

    private static final byte[] DELETED = new byte[0];

    private record Slot(String cf, ByteBuffer key) {}

    private final ArchiveDb db;
    private final WriteBatch batch;
    private final Map<Slot, byte[]> group = new HashMap<>();
    private final Map<Slot, byte[]> local = new LinkedHashMap<>();

    Txn(ArchiveDb db, WriteBatch batch) {
        this.db = db;
        this.batch = batch;
    }

    byte[] read(String cf, byte[] key) {
        Slot s = new Slot(cf, ByteBuffer.wrap(key));
        byte[] v = local.get(s);
        if (v == null) {
            v = group.get(s);
        }
        if (v == null) {
            try {
                return db.get(cf, key);
            } catch (RocksDBException e) {
                throw new ArchiveException("archive read failed: " + e.getMessage(), e);
            }
        }
        return v == DELETED ? null : v;
    }

    void put(String cf, byte[] key, byte[] value) {
        local.put(new Slot(cf, ByteBuffer.wrap(key)), value);
    }

    void delete(String cf, byte[] key) {
        local.put(new Slot(cf, ByteBuffer.wrap(key)), DELETED);
    }

    void commitOp() {
        try {
            for (Map.Entry<Slot, byte[]> e : local.entrySet()) {
                String cf = e.getKey().cf();
                byte[] k = e.getKey().key().array();
                if (e.getValue() == DELETED) {
                    db.batchDelete(batch, cf, k);
                } else {
                    db.batchPut(batch, cf, k, e.getValue());
                }
                group.put(e.getKey(), e.getValue());
            }
        } catch (RocksDBException e) {
            throw new ArchiveException("archive batch failed: " + e.getMessage(), e);
        } finally {
            local.clear();
        }
    }

    void abortOp() {
        local.clear();
    }

    // ------------------------------------------------------------------ typed helpers

    /** A framed u64 (0 when absent). */
    long counter(String cf, byte[] key) {
        byte[] v = read(cf, key);
        return v == null ? 0 : Codec.u64(Codec.unframe(cf, key, v));
    }

    void putCounter(String cf, byte[] key, long value) {
        put(cf, key, Codec.frame(key, Codec.u64(value)));
    }

    long metaLong(String name) {
        return counter(Cf.META, Codec.utf8(name));
    }

    long addMeta(String name, long delta) {
        byte[] key = Codec.utf8(name);
        long v = counter(Cf.META, key) + delta;
        putCounter(Cf.META, key, v);
        return v;
    }

    /** An index entry: the key carries the information, the value is an empty framed payload. */
    void index(String cf, byte[] key) {
        put(cf, key, Codec.frame(key, new byte[0]));
    }
}
