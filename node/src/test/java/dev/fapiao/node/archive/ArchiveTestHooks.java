package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.rocksdb.Checkpoint;

/**
 * Test-only access to the archive's engine (package-private), for tests here and in other
 * packages (e.g. the CLI's): raw values, a blocked writer, free-form meta values and an openable
 * copy of the database. None of this is production API.
 */
public final class ArchiveTestHooks {
    private ArchiveTestHooks() {
    }

    /** Flips the last byte of the stored document: its SM3 no longer matches the key (docHash). */
    public static void corruptDocument(Archive archive, String docHash) {
        flipLastByte(archive, Cf.DOCUMENTS, DocumentCodec.docKey(docHash));
    }

    /** Flips the last byte of the invoice record: its CRC32C no longer matches. */
    public static void corruptInvoiceRecord(Archive archive, String invoiceId) {
        flipLastByte(archive, Cf.INVOICES, Codec.utf8(invoiceId));
    }

    static void flipLastByte(Archive archive, String cf, byte[] key) {
        byte[] v = rawValue(archive, cf, key);
        if (v == null) {
            throw new IllegalArgumentException("no value in " + cf);
        }
        v = v.clone();
        v[v.length - 1] ^= 0x01;
        rawPut(archive, cf, key, v);
    }

    /** The raw stored value. */
    /** Whether {@code needle} occurs in {@code haystack} (a search of stored files for clear text). */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Flushes every column family's memtable to SST and blob files, waiting for it. */
    static void flush(Archive archive) {
        try (org.rocksdb.FlushOptions fo = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            archive.db().read(() -> {
                for (String cf : Cf.ALL) {
                    archive.db().rocks().flush(fo, archive.db().handle(cf));
                }
                return null;
            });
        }
    }

    static byte[] rawValue(Archive archive, String cf, byte[] key) {
        ArchiveDb db = archive.db();
        return db.read(() -> db.get(cf, key));
    }

    /** Writes a raw value, bypassing encoding and checks. */
    static void rawPut(Archive archive, String cf, byte[] key, byte[] value) {
        ArchiveDb db = archive.db();
        db.read(() -> {
            db.rocks().put(db.handle(cf), key, value);
            return null;
        });
    }

    /** Occupies the writer until {@code release} opens; completes when it did. */
    static CompletableFuture<Void> blockWriter(Archive archive, CountDownLatch release) {
        return archive.writer().submit(t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, 0, false);
    }

    /** An openable copy of the database at {@code dir} (must not exist), hard-linked where possible. */
    static void copyTo(Archive archive, Path dir) {
        ArchiveDb db = archive.db();
        db.read(() -> {
            if (Files.exists(dir)) {
                throw new ArchiveException("copy directory " + dir + " already exists");
            }
            try {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new ArchiveException("cannot create " + dir.getParent() + ": " + e.getMessage(), e);
            }
            try (Checkpoint cp = Checkpoint.create(db.rocks())) {
                cp.createCheckpoint(dir.toString());
            }
            return null;
        });
    }

    /** Free-form meta values (what the typed {@link NodeState} is built on). */
    static Meta meta(Archive archive) {
        return new Meta(archive);
    }

    static final class Meta {
        private final Archive archive;

        private Meta(Archive archive) {
            this.archive = archive;
        }

        void putLong(String key, long value) {
            archive.nodeStateImpl().putLong(key, value);
        }

        OptionalLong getLong(String key) {
            return archive.nodeStateImpl().getLong(key);
        }

        long getLong(String key, long defaultValue) {
            return getLong(key).orElse(defaultValue);
        }

        void putString(String key, String value) {
            byte[] k = RocksNodeState.userKey(key);
            if (value == null) {
                throw new IllegalArgumentException("value is required");
            }
            archive.writer().call(t -> {
                t.put(Cf.META, k, Codec.frame(k, Codec.utf8(value)));
                return null;
            });
        }

        Optional<String> getString(String key) {
            byte[] k = Codec.utf8(key);
            ArchiveDb db = archive.db();
            return db.read(() -> {
                byte[] v = db.get(Cf.META, k);
                return v == null ? Optional.empty()
                        : Optional.of(new String(Codec.unframe(Cf.META, k, v), StandardCharsets.UTF_8));
            });
        }
    }
}
