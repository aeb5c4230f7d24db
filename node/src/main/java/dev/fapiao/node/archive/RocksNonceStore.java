package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * {@code nonces}: two kinds of key in one family, written together —
 * {@code 'n' | sm3(scope 0x00 nonce)} → framed u64 expiry (epoch ms), the lookup; and
 * {@code 't' | expiry u64 | sm3(...)} → empty, the expiry order pruning walks. The live count is
 * a counter in {@code meta}. Every mutation runs on the writer thread, so check-and-record is atomic.
 */
final class RocksNonceStore implements NonceStore {

    static final String META_COUNT = "archive.nonces.count";
    /** Expired entries removed by each {@link #record}, so pruning keeps pace without a long pause. */
    static final int PRUNE_PER_RECORD = 64;
    private static final byte LOOKUP = 'n';
    private static final byte EXPIRY = 't';

    private final ArchiveDb db;
    private final GroupCommitWriter writer;

    RocksNonceStore(ArchiveDb db, GroupCommitWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    @Override
    public Outcome record(String scope, String nonce, Instant expiresAt, Instant now, long maxEntries) {
        require(scope != null && nonce != null && expiresAt != null && now != null, "scope, nonce and times are required");
        require(maxEntries >= 1, "maxEntries must be positive");
        byte[] id = Codec.sm3(Codec.concat(Codec.utf8(scope), Codec.concat(new byte[] {0}, Codec.utf8(nonce))));
        byte[] lookup = key(LOOKUP, id);
        return writer.call(t -> {
            pruneIn(t, now, PRUNE_PER_RECORD);
            byte[] seen = t.read(Cf.NONCES, lookup);
            if (seen != null && Codec.u64(Codec.unframe(Cf.NONCES, lookup, seen)) > now.toEpochMilli()) {
                return Outcome.REPLAY;
            }
            if (seen != null) {
                // expired but not pruned yet: this sighting replaces it
                t.delete(Cf.NONCES, expiryKey(Codec.u64(Codec.unframe(Cf.NONCES, lookup, seen)), id));
                t.addMeta(META_COUNT, -1);
            }
            if (t.metaLong(META_COUNT) >= maxEntries) {
                return Outcome.FULL;
            }
            long until = expiresAt.toEpochMilli();
            t.putCounter(Cf.NONCES, lookup, until);
            t.index(Cf.NONCES, expiryKey(until, id));
            t.addMeta(META_COUNT, 1);
            return Outcome.RECORDED;
        });
    }

    @Override
    public long prune(Instant now) {
        long total = 0;
        for (int n; (n = writer.call(t -> pruneIn(t, now, 1000))) > 0; ) {
            total += n;
        }
        return total;
    }

    @Override
    public long size() {
        return db.read(() -> db.counter(Cf.META, Codec.utf8(META_COUNT)));
    }

    /**
     * Deletes up to {@code max} entries expired at {@code now}, oldest first. The iterator sees the
     * database, not this group's pending writes: an entry already deleted in the group is skipped.
     */
    private int pruneIn(Txn t, Instant now, int max) {
        List<byte[]> expired = new ArrayList<>();
        long cutoff = now.toEpochMilli();
        try (RocksIterator it = db.iterator(Cf.NONCES)) {
            for (it.seek(new byte[] {EXPIRY}); it.isValid() && expired.size() < max; it.next()) {
                byte[] k = it.key();
                if (k.length != 41 || k[0] != EXPIRY || ByteBuffer.wrap(k, 1, 8).getLong() > cutoff) {
                    break;
                }
                expired.add(k);
            }
        }
        int n = 0;
        for (byte[] k : expired) {
            if (t.read(Cf.NONCES, k) == null) {
                continue;
            }
            t.delete(Cf.NONCES, k);
            t.delete(Cf.NONCES, key(LOOKUP, Arrays.copyOfRange(k, 9, 41)));
            n++;
        }
        if (n > 0) {
            t.addMeta(META_COUNT, -n);
        }
        return n;
    }

    private static byte[] key(byte kind, byte[] id) {
        byte[] k = new byte[1 + id.length];
        k[0] = kind;
        System.arraycopy(id, 0, k, 1, id.length);
        return k;
    }

    private static byte[] expiryKey(long until, byte[] id) {
        return ByteBuffer.allocate(41).put(EXPIRY).putLong(until).put(id).array();
    }
}
