package dev.fapiao.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase observed, thread-safe. Latencies are recorded in microseconds into HdrHistograms
 * (3 significant digits, up to 10 minutes): the overall ones only for invoices <em>sent</em> inside
 * the measured window, a per-second commit-latency histogram by commit second for the time line.
 * An invoice counts as committed in the window when its commit was observed inside the window.
 */
public final class PhaseRecorder {

    private static final long MAX_MICROS = 600_000_000L;

    private final PhaseClock clock;
    private final int slots;
    private final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram commit = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram batchSizes = new ConcurrentHistogram(100_000, 3);
    private final AtomicLongArray sentPerSecond;
    private final AtomicLongArray committedPerSecond;
    private final Histogram[] commitBySecond;
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder committedInWindow = new LongAdder();
    private final LongAdder committedTotal = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    public PhaseRecorder(PhaseClock clock, int drainSeconds) {
        this.clock = clock;
        this.slots = clock.warmupSeconds() + clock.windowSeconds() + drainSeconds + 2;
        this.sentPerSecond = new AtomicLongArray(slots);
        this.committedPerSecond = new AtomicLongArray(slots);
        this.commitBySecond = new Histogram[slots];
        for (int i = 0; i < slots; i++) {
            commitBySecond[i] = new ConcurrentHistogram(MAX_MICROS, 2);
        }
    }

    public PhaseClock clock() {
        return clock;
    }

    private int slot(long t) {
        return Math.min(slots - 1, Math.max(0, clock.second(t) + clock.warmupSeconds()));
    }

    public void sent(long sentNanos, int count) {
        sentPerSecond.addAndGet(slot(sentNanos), count);
        if (clock.inWindow(sentNanos)) {
            sentInWindow.add(count);
        }
    }

    /** The durable acknowledgement (HTTP receipt; for the baseline: the commit). */
    public void acknowledged(long sentNanos, long ackNanos) {
        if (clock.inWindow(sentNanos)) {
            ack.recordValue(micros(ackNanos - sentNanos));
        }
    }

    public void committed(long sentNanos, long commitNanos) {
        long us = micros(commitNanos - sentNanos);
        committedTotal.increment();
        int s = slot(commitNanos);
        committedPerSecond.incrementAndGet(s);
        commitBySecond[s].recordValue(us);
        if (clock.inWindow(commitNanos)) {
            committedInWindow.increment();
        }
        if (clock.inWindow(sentNanos)) {
            commit.recordValue(us);
        }
    }

    /** Invoices in one ledger transaction that carried this phase's invoices. */
    public void batch(int items) {
        batchSizes.recordValue(Math.max(1, items));
    }

    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public long committedTotal() {
        return committedTotal.sum();
    }

    public PhaseResult result(String phase, Map<String, Object> settings, List<ProcessUsage> processes,
                              long pendingAtEnd) {
        List<PhaseResult.Second> timeline = new ArrayList<>();
        int last = clock.warmupSeconds() + clock.windowSeconds(); // then the drain, up to the last commit
        for (int i = last; i < slots - 1; i++) {
            if (committedPerSecond.get(i) > 0) {
                last = i + 1;
            }
        }
        for (int i = 0; i < last; i++) {
            Histogram h = commitBySecond[i];
            timeline.add(new PhaseResult.Second(i - clock.warmupSeconds(), sentPerSecond.get(i),
                    committedPerSecond.get(i), h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0));
        }
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        return new PhaseResult(phase, settings, clock.warmupSeconds(), clock.windowSecondsExact(),
                sentInWindow.sum(), committedInWindow.sum(), committedInWindow.sum() / clock.windowSecondsExact(),
                PhaseResult.Latency.of(ack), PhaseResult.Latency.of(commit),
                batchSizes.getTotalCount() == 0 ? null : PhaseResult.Batches.of(batchSizes),
                pendingAtEnd, errs, processes, timeline);
    }

    private static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(1, nanos / 1000));
    }
}
