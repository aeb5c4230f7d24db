package dev.fapiao.node.anchor;

import dev.fapiao.node.ledger.AnchorLedger;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerBatch;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → batcher → several {@code anchorBatch} transactions in flight → commit →
 * records updated. One dispatcher thread cuts batches (full, or once the oldest waiting
 * item is {@code batchAge} old); {@code maxInFlight} submission threads each endorse,
 * order and await the commit of one batch. Ledger errors are retried with exponential
 * backoff; an item the chaincode refuses for good is marked failed and the rest of its
 * batch goes again. Nothing leaves the outbox before its commit, so a restart resumes.
 */
public final class AnchorPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnchorPipeline.class);

    private final AnchorQueue queue;
    private final AnchorLedger ledger;
    private final AnchoringSettings settings;
    private final Clock clock;
    private final ExecutorService submitters;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> a.due.compareTo(b.due));
    private final Thread dispatcher;
    private final AtomicLong committedInvoices = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong failedInvoices = new AtomicLong();
    private final AtomicLong ledgerErrors = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private volatile long dispatchedSeq;
    private boolean woken;

    /** At most this many invoice and request ids on a commit line. */
    static final int MAX_LOGGED_IDS = 500;

    private record Retry(List<AnchorItem> items, int attempt, Instant due) {}

    /** A snapshot of the pipeline's counters. */
    public record Stats(long committedInvoices, long committedBatches, long failedInvoices, long ledgerErrors,
                        int inFlight, long backlog) {}

    public AnchorPipeline(AnchorQueue queue, AnchorLedger ledger, AnchoringSettings settings, Clock clock) {
        this.queue = queue;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.maxInFlight());
        AtomicInteger n = new AtomicInteger();
        this.submitters = Executors.newFixedThreadPool(settings.maxInFlight(), r -> {
            Thread t = new Thread(r, "anchor-submit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatchLoop, "anchor-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    public void start() {
        running = true;
        dispatcher.start();
    }

    /** New work is in the outbox: look sooner than the next timer. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        long backlog = Math.max(0, queue.lastSeq() - dispatchedSeq);
        return new Stats(committedInvoices.get(), committedBatches.get(), failedInvoices.get(), ledgerErrors.get(),
                inFlight.get(), backlog);
    }

    private void dispatchLoop() {
        Instant partialSince = null;
        while (running) {
            try {
                Retry retry = dueRetry();
                if (retry != null) {
                    slots.acquire();
                    launch(retry.items, retry.attempt);
                    continue;
                }
                if (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long last = queue.lastSeq();
                long waiting = last - dispatchedSeq;
                Instant now = clock.instant();
                Duration age = partialSince == null ? Duration.ZERO : Duration.between(partialSince, now);
                if (waiting <= 0 || (waiting < settings.batchSize() && age.compareTo(settings.batchAge()) < 0)) {
                    slots.release();
                    if (waiting > 0 && partialSince == null) {
                        partialSince = now;
                    }
                    await(waiting > 0 ? settings.batchAge().minus(age) : Duration.ofMillis(250));
                    continue;
                }
                List<AnchorItem> items = queue.next(dispatchedSeq, settings.batchSize());
                if (items.isEmpty()) {
                    // the sequences up to `last` hold no anchoring work (other kinds, or removed)
                    slots.release();
                    dispatchedSeq = Math.max(dispatchedSeq, last);
                    partialSince = null;
                    continue;
                }
                partialSince = null;
                dispatchedSeq = items.get(items.size() - 1).seq();
                launch(items, 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("anchor dispatcher: {}", e.toString(), e);
                sleepQuietly(settings.retryBase());
            }
        }
    }

    private void launch(List<AnchorItem> items, int attempt) {
        inFlight.incrementAndGet();
        submitters.execute(() -> {
            try {
                attempt(items, attempt);
            } finally {
                inFlight.decrementAndGet();
                slots.release();
                wake();
            }
        });
    }

    private void attempt(List<AnchorItem> items, int attempt) {
        try {
            List<String> anchors = items.stream().map(AnchorItem::anchorJson).toList();
            LedgerBatch batch = ledger.anchorBatch(anchors, txId -> queue.submitted(items, txId));
            queue.anchored(items, batch.txId(), batch.blockNumber(), clock.instant());
            committedInvoices.addAndGet(items.size());
            committedBatches.incrementAndGet();
            logCommit(items, batch);
        } catch (ChaincodeRefusedException e) {
            int index = e.item();
            if (index < 0) {
                // a refusal of the whole batch names no item to take out: retry it like an outage
                ledgerErrors.incrementAndGet();
                log.warn("anchoring {} invoices failed (attempt {}): {}", items.size(), attempt, e.getMessage());
                retryLater(items, attempt + 1);
                return;
            }
            if (index >= items.size()) {
                log.warn("ledger refused a batch without naming a valid item ({}); retrying", e.getMessage());
                retryLater(items, attempt + 1);
                return;
            }
            AnchorItem bad = items.get(index);
            log.warn("ledger refused invoice {}: {}", bad.invoiceId(), e.getMessage());
            queue.failed(bad, e.getMessage());
            failedInvoices.incrementAndGet();
            List<AnchorItem> rest = new ArrayList<>(items);
            rest.remove(index);
            if (!rest.isEmpty()) {
                schedule(new Retry(rest, attempt, clock.instant()));
            }
        } catch (LedgerUnavailableException | RuntimeException e) {
            ledgerErrors.incrementAndGet();
            log.warn("anchoring {} invoices failed (attempt {}): {}", items.size(), attempt, e.getMessage());
            retryLater(items, attempt + 1);
        }
    }

    /**
     * The line that ties requests to the ledger: the transaction id with the request ids and invoice
     * ids it anchored (MDC {@code txId}, {@code requestIds}), so one grep for a request id finds its
     * HTTP request, its archive write and this commit. Ids are capped so a batch stays one short line.
     */
    private static void logCommit(List<AnchorItem> items, LedgerBatch batch) {
        if (!log.isInfoEnabled()) {
            return;
        }
        List<String> requests = items.stream().map(AnchorItem::requestId).filter(java.util.Objects::nonNull)
                .distinct().limit(MAX_LOGGED_IDS).toList();
        List<String> invoices = items.stream().map(AnchorItem::invoiceId).limit(MAX_LOGGED_IDS).toList();
        try (var tx = org.slf4j.MDC.putCloseable("txId", batch.txId());
             var rq = org.slf4j.MDC.putCloseable("requestIds", String.join(",", requests))) {
            log.info("anchored {} invoices in tx {} block {}: invoices {} requests {}{}", items.size(), batch.txId(),
                    batch.blockNumber(), invoices, requests, items.size() > MAX_LOGGED_IDS ? " (first "
                            + MAX_LOGGED_IDS + ")" : "");
        }
    }

    private void retryLater(List<AnchorItem> items, int attempt) {
        schedule(new Retry(items, attempt, clock.instant().plus(backoff(attempt))));
    }

    /** Exponential backoff: retryBase × 2^(attempt−2), capped at retryMax. */
    Duration backoff(int attempt) {
        long base = settings.retryBase().toMillis();
        int shift = Math.min(Math.max(attempt - 2, 0), 20);
        return Duration.ofMillis(Math.min(settings.retryMax().toMillis(), base << shift));
    }

    private void schedule(Retry retry) {
        lock.lock();
        try {
            retries.add(retry);
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Retry dueRetry() {
        lock.lock();
        try {
            Retry head = retries.peek();
            if (head != null && !head.due.isAfter(clock.instant())) {
                return retries.poll();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            Duration wait = max;
            Retry head = retries.peek();
            if (head != null) {
                Duration untilRetry = Duration.between(clock.instant(), head.due);
                if (untilRetry.compareTo(wait) < 0) {
                    wait = untilRetry;
                }
            }
            if (!woken && !wait.isNegative() && !wait.isZero()) {
                signal.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops cutting batches and waits for the ones in flight; the rest stays in the outbox. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            dispatcher.join(5_000);
            submitters.shutdown();
            if (!submitters.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("anchoring batches still in flight at shutdown; they resume from the outbox");
                submitters.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
