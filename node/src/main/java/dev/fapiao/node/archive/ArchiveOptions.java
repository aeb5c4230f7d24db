package dev.fapiao.node.archive;

import dev.fapiao.node.model.BackpressureException;

import java.nio.file.Path;
import java.time.Clock;
import dev.fapiao.node.crypto.Sm4Gcm;
import java.util.Objects;

/**
 * How to open an {@link Archive}. Build with {@link #builder(Path)}; every setting but the
 * path has a production default.
 *
 * @param path                 the RocksDB directory (created when missing)
 * @param syncWrites           fsync the WAL before acknowledging (default true; false only for tests/benchmarks:
 *                             acknowledged writes then survive a process crash but not a power loss)
 * @param memoryBudgetBytes    the one RocksDB memory budget (default 256 MiB): the LRU block cache's capacity, with
 *                             index and filter blocks and the memtables (a {@code WriteBufferManager} limited to half of
 *                             it) charged to that cache, so block cache + memtables stay within this many bytes
 * @param recordCompression    compression of every column family but {@code documents} (default LZ4)
 * @param documentCompression  compression of {@code documents} (default ZSTD; falls back to LZ4 when the native
 *                             library lacks it)
 * @param groupCommitMaxBatch  most queued writes merged into one synced WriteBatch (default 256)
 * @param groupCommitMaxBytes  a group stops growing past this many payload bytes (default 64 MiB)
 * @param maxPendingWrites     queued, not yet written puts before {@link BackpressureException} (default 4096)
 * @param maxPendingBytes      queued document bytes before {@link BackpressureException} (default 256 MiB)
 * @param maxOutboxBacklog     outbox entries waiting for the ledger before puts are refused with
 *                             {@link BackpressureException}; 0 = unlimited (default)
 * @param maxDocumentBytes     largest accepted document (default 20 MiB)
 * @param minFreeBytes         puts are refused with {@code StorageFullException} (nothing written) while the archive's
 *                             filesystem has less than this many usable bytes, keeping headroom for status writes,
 *                             flushes and compactions (default 256 MiB)
 * @param clock                time source for receivedAt/updatedAt/audit times (default UTC system clock)
 * @param documentCipher       SM4-GCM cipher for documents at rest, or null to store them in clear (default);
 *                             an archive with encrypted documents can only be read with the same key
 */
public record ArchiveOptions(
        Path path,
        boolean syncWrites,
        long memoryBudgetBytes,
        Compression recordCompression,
        Compression documentCompression,
        int groupCommitMaxBatch,
        long groupCommitMaxBytes,
        int maxPendingWrites,
        long maxPendingBytes,
        long maxOutboxBacklog,
        long maxDocumentBytes,
        long minFreeBytes,
        Clock clock,
        Sm4Gcm documentCipher) {

    /** The default of {@link #memoryBudgetBytes()}: 256 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    /** Block compression of a column family. */
    public enum Compression { NONE, LZ4, ZSTD }

    public ArchiveOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(recordCompression, "recordCompression");
        Objects.requireNonNull(documentCompression, "documentCompression");
        Objects.requireNonNull(clock, "clock");
        positive(memoryBudgetBytes, "memoryBudgetBytes");
        positive(groupCommitMaxBatch, "groupCommitMaxBatch");
        positive(groupCommitMaxBytes, "groupCommitMaxBytes");
        positive(maxPendingWrites, "maxPendingWrites");
        positive(maxPendingBytes, "maxPendingBytes");
        positive(maxDocumentBytes, "maxDocumentBytes");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must be >= 0");
        }
        if (maxOutboxBacklog < 0) {
            throw new IllegalArgumentException("maxOutboxBacklog must be >= 0");
        }
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** Defaults for {@code path}. */
    public static ArchiveOptions defaults(Path path) {
        return builder(path).build();
    }

    public Builder toBuilder() {
        return new Builder(path).syncWrites(syncWrites).memoryBudgetBytes(memoryBudgetBytes)
                .recordCompression(recordCompression).documentCompression(documentCompression)
                .groupCommitMaxBatch(groupCommitMaxBatch).groupCommitMaxBytes(groupCommitMaxBytes)
                .maxPendingWrites(maxPendingWrites).maxPendingBytes(maxPendingBytes)
                .maxOutboxBacklog(maxOutboxBacklog).maxDocumentBytes(maxDocumentBytes).minFreeBytes(minFreeBytes).clock(clock)
                .documentCipher(documentCipher);
    }

    public static final class Builder {
        private Path path;
        private boolean syncWrites = true;
        private long memoryBudgetBytes = DEFAULT_MEMORY_BUDGET;
        private Compression recordCompression = Compression.LZ4;
        private Compression documentCompression = Compression.ZSTD;
        private int groupCommitMaxBatch = 256;
        private long groupCommitMaxBytes = 64L << 20;
        private int maxPendingWrites = 4096;
        private long maxPendingBytes = 256L << 20;
        private long maxOutboxBacklog = 0;
        private long maxDocumentBytes = 20L << 20;
        private long minFreeBytes = 256L << 20;
        private Clock clock = Clock.systemUTC();
        private Sm4Gcm documentCipher;

        private Builder(Path path) {
            this.path = path;
        }

        public Builder path(Path v) { this.path = v; return this; }
        public Builder syncWrites(boolean v) { this.syncWrites = v; return this; }
        public Builder memoryBudgetBytes(long v) { this.memoryBudgetBytes = v; return this; }
        public Builder recordCompression(Compression v) { this.recordCompression = v; return this; }
        public Builder documentCompression(Compression v) { this.documentCompression = v; return this; }
        public Builder groupCommitMaxBatch(int v) { this.groupCommitMaxBatch = v; return this; }
        public Builder groupCommitMaxBytes(long v) { this.groupCommitMaxBytes = v; return this; }
        public Builder maxPendingWrites(int v) { this.maxPendingWrites = v; return this; }
        public Builder maxPendingBytes(long v) { this.maxPendingBytes = v; return this; }
        public Builder maxOutboxBacklog(long v) { this.maxOutboxBacklog = v; return this; }
        public Builder maxDocumentBytes(long v) { this.maxDocumentBytes = v; return this; }
        public Builder minFreeBytes(long v) { this.minFreeBytes = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder documentCipher(Sm4Gcm v) { this.documentCipher = v; return this; }

        public ArchiveOptions build() {
            return new ArchiveOptions(path, syncWrites, memoryBudgetBytes, recordCompression, documentCompression,
                    groupCommitMaxBatch, groupCommitMaxBytes, maxPendingWrites, maxPendingBytes,
                    maxOutboxBacklog, maxDocumentBytes, minFreeBytes, clock, documentCipher);
        }
    }
}
