package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.StorageFullException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's one writer (group commit). Every store's mutation is a body run against a
 * {@link Txn} on this writer's thread; queued bodies are merged into a single WriteBatch and
 * the WAL is synced once for the whole group. A body's future completes (on a pool of its own,
 * not the writer thread) once its group is durable: that is the acknowledgement.
 *
 * <p>Back-pressure: puts (bodies that carry document bytes) count against
 * {@link ArchiveOptions#maxPendingWrites()} and {@link ArchiveOptions#maxPendingBytes()}; over
 * either, {@link #submit} throws {@link BackpressureException} at once.
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final ArchiveDb db;
    private final ArchiveOptions options;
    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingPuts = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Object submitLock = new Object();
    private final List<Consumer<Txn>> afterWrite = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private final ExecutorService completer;
    private volatile boolean closing;
    private boolean warnedFull;

    GroupCommitWriter(ArchiveDb db) {
        this.db = db;
        this.options = db.options();
        this.completer = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "archive-complete");
            t.setDaemon(true);
            return t;
        });
        this.writer = new Thread(this::run, "archive-writer");
        this.writer.setDaemon(true);
    }

    /** Runs {@code listener} on the writer thread after each successful group write (e.g. to cache counters). */
    void afterEachWrite(Consumer<Txn> listener) {
        afterWrite.add(listener);
    }

    void start() {
        writer.start();
    }

    private static final class Op<T> {
        final Function<Txn, T> body;
        final CompletableFuture<T> future = new CompletableFuture<>();
        final long bytes;
        final boolean put;
        T result;
        Throwable error;

        Op(Function<Txn, T> body, long bytes, boolean put) {
            this.body = body;
            this.bytes = bytes;
            this.put = put;
        }

        void run(Txn t) {
            result = body.apply(t);
        }

        void complete() {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(result);
            }
        }
    }

    /**
     * Queues {@code body}; {@code put} bodies of {@code bytes} document bytes count against the
     * back-pressure limits.
     *
     * @throws BackpressureException a put over the queue's limits
     * @throws ArchiveException the archive is closed
     */
    <T> CompletableFuture<T> submit(Function<Txn, T> body, long bytes, boolean put) {
        Op<T> op = new Op<>(body, bytes, put);
        synchronized (submitLock) {
            if (closing) {
                throw new ArchiveException("archive is closed");
            }
            if (op.put) {
                if (pendingPuts.incrementAndGet() > options.maxPendingWrites()) {
                    pendingPuts.decrementAndGet();
                    throw new BackpressureException("archive write queue is full (" + options.maxPendingWrites()
                            + " pending writes); retry later");
                }
                long queuedBytes = pendingBytes.addAndGet(op.bytes);
                // A single document larger than the byte budget still goes through an otherwise empty queue.
                if (queuedBytes > options.maxPendingBytes() && queuedBytes != op.bytes) {
                    pendingBytes.addAndGet(-op.bytes);
                    pendingPuts.decrementAndGet();
                    throw new BackpressureException("archive write queue is full (" + options.maxPendingBytes()
                            + " pending document bytes); retry later");
                }
            }
            queue.add(op);
        }
        return op.future;
    }

    /** Runs a mutation through the writer and waits until it is durable. */
    <T> T call(Function<Txn, T> body) {
        try {
            return submit(body, 0, false).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new ArchiveException(String.valueOf(c.getMessage()), c);
        }
    }

    private void run() {
        List<Op<?>> group = new ArrayList<>();
        while (true) {
            Op<?> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            group.add(first);
            long bytes = first.bytes;
            while (group.size() < options.groupCommitMaxBatch() && bytes < options.groupCommitMaxBytes()) {
                Op<?> next = queue.poll();
                if (next == null) {
                    break;
                }
                group.add(next);
                bytes += next.bytes;
            }
            commitGroup(group);
            if (warnedFull && group.stream().anyMatch(op -> op.put && op.error == null)) {
                log.info("archive filesystem has space again: new invoices are accepted");
                warnedFull = false;
            }
            group = new ArrayList<>();
        }
    }

    private void commitGroup(List<Op<?>> group) {
        StorageFullException full = storageFull(group);
        try (WriteBatch batch = new WriteBatch()) {
            Txn t = new Txn(db, batch);
            for (Op<?> op : group) {
                if (op.put && full != null) {
                    op.error = full; // refused before anything is written: the reserve is for the writes below
                    continue;
                }
                try {
                    op.run(t);
                    t.commitOp();
                } catch (RuntimeException e) {
                    t.abortOp();
                    op.error = e;
                }
            }
            try {
                if (batch.count() > 0) {
                    db.write(batch);
                }
                afterWrite.forEach(l -> l.accept(t));
            } catch (RocksDBException | RuntimeException e) {
                log.error("archive write of {} operations failed: {}", group.size(), e.getMessage());
                ArchiveException failure = ArchiveDb.noSpace(e)
                        ? new StorageFullException("archive filesystem is full: " + e.getMessage(), e)
                        : new ArchiveException("archive write failed: " + e.getMessage(), e);
                for (Op<?> op : group) {
                    if (op.error == null) {
                        op.error = failure;
                    }
                }
            }
        } catch (Throwable e) {
            log.error("archive writer: unexpected failure: {}", e.toString());
            for (Op<?> op : group) {
                if (op.error == null) {
                    op.error = new ArchiveException("archive write failed: " + e, e);
                }
            }
        }
        for (Op<?> op : group) {
            if (op.put) {
                pendingPuts.decrementAndGet();
                pendingBytes.addAndGet(-op.bytes);
            }
        }
        List<Op<?>> done = List.copyOf(group);
        completer.execute(() -> done.forEach(Op::complete));
    }

    /** The refusal for this group's puts when the filesystem is below its reserve, else null. */
    private StorageFullException storageFull(List<Op<?>> group) {
        if (options.minFreeBytes() == 0 || group.stream().noneMatch(op -> op.put)) {
            return null;
        }
        long usable = db.usableBytes();
        if (usable >= options.minFreeBytes()) {
            return null;
        }
        if (!warnedFull) {
            log.warn("archive filesystem has {} usable bytes, below archive.minFreeBytes {}: new invoices are refused",
                    usable, options.minFreeBytes());
        }
        warnedFull = true;
        return new StorageFullException("archive storage is full (" + usable + " bytes free, reserve "
                + options.minFreeBytes() + "); retry later");
    }

    /** Refuses new work, drains the queue, stops the writer and waits for completions. Idempotent. */
    void close() {
        synchronized (submitLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        completer.shutdown();
        try {
            if (!completer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("archive completion callbacks still running at close");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close} has begun (the archive refuses work from then on). */
    boolean closing() {
        return closing;
    }
}
