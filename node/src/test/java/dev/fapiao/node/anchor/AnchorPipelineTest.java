package dev.fapiao.node.anchor;

import dev.fapiao.node.ledger.AnchorLedger;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerBatch;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AnchorPipelineTest {

    /** In-memory outbox with the same contract as the archive's. */
    static final class MemoryQueue implements AnchorQueue {
        final ConcurrentSkipListMap<Long, AnchorItem> outbox = new ConcurrentSkipListMap<>();
        final Map<String, AtomicInteger> anchoredCount = new ConcurrentHashMap<>();
        final Map<String, String> failed = new ConcurrentHashMap<>();
        final AtomicLong seq = new AtomicLong();

        void add(int n) {
            for (int i = 0; i < n; i++) {
                long s = seq.incrementAndGet();
                outbox.put(s, new AnchorItem(s, "inv-" + s, "{\"invoiceId\":\"inv-" + s + "\"}"));
            }
        }

        @Override public long lastSeq() { return seq.get(); }

        @Override public List<AnchorItem> next(long afterSeq, int limit) {
            List<AnchorItem> out = new ArrayList<>();
            for (AnchorItem i : outbox.tailMap(afterSeq, false).values()) {
                if (out.size() == limit) break;
                out.add(i);
            }
            return out;
        }

        @Override public void submitted(List<AnchorItem> items, String txId) {}

        @Override public void anchored(List<AnchorItem> items, String txId, long block, Instant at) {
            for (AnchorItem i : items) {
                anchoredCount.computeIfAbsent(i.invoiceId(), k -> new AtomicInteger()).incrementAndGet();
                outbox.remove(i.seq());
            }
        }

        @Override public void failed(AnchorItem item, String reason) {
            failed.put(item.invoiceId(), reason);
            outbox.remove(item.seq());
        }
    }

    /** A ledger whose behaviour per call is scripted. */
    static class ScriptedLedger implements AnchorLedger {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final List<Integer> sizes = new ArrayList<>();
        final AtomicLong blocks = new AtomicLong();

        @Override public LedgerBatch anchorBatch(List<String> anchors, Consumer<String> onSubmitted)
                throws ChaincodeRefusedException, LedgerUnavailableException {
            int call = calls.incrementAndGet();
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                behave(call, anchors);
                synchronized (sizes) { sizes.add(anchors.size()); }
                String tx = "tx" + call;
                onSubmitted.accept(tx);
                sleep(5);
                return new LedgerBatch(tx, blocks.incrementAndGet(), new byte[0]);
            } finally {
                concurrent.decrementAndGet();
            }
        }

        void behave(int call, List<String> batch) throws ChaincodeRefusedException, LedgerUnavailableException {}
    }

    static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    static AnchoringSettings settings(int batch, int inFlight) {
        return new AnchoringSettings(batch, Duration.ofMillis(30), inFlight, Duration.ofMillis(5), Duration.ofMillis(40));
    }

    static void awaitEmpty(MemoryQueue q) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!q.outbox.isEmpty() && System.nanoTime() < deadline) sleep(5);
        assertTrue(q.outbox.isEmpty(), "outbox not drained: " + q.outbox.size() + " left");
    }

    @Test
    void everyItemIsAnchoredExactlyOnceInBoundedBatches() {
        MemoryQueue q = new MemoryQueue();
        ScriptedLedger ledger = new ScriptedLedger();
        try (AnchorPipeline p = new AnchorPipeline(q, ledger, settings(100, 4), Clock.systemUTC())) {
            p.start();
            for (int i = 0; i < 12; i++) { q.add(103); p.wake(); }
            awaitEmpty(q);
            assertEquals(1236, p.stats().committedInvoices());
        }
        assertEquals(1236, q.anchoredCount.size());
        q.anchoredCount.values().forEach(c -> assertEquals(1, c.get()));
        assertTrue(ledger.sizes.stream().allMatch(s -> s >= 1 && s <= 100), ledger.sizes.toString());
        assertTrue(ledger.maxConcurrent.get() <= 4, "in flight " + ledger.maxConcurrent.get());
    }

    @Test
    void partialBatchIsSentOnceItsOldestItemIsOldEnough() {
        MemoryQueue q = new MemoryQueue();
        ScriptedLedger ledger = new ScriptedLedger();
        try (AnchorPipeline p = new AnchorPipeline(q, ledger, settings(500, 2), Clock.systemUTC())) {
            p.start();
            q.add(7);
            p.wake();
            awaitEmpty(q);
        }
        assertEquals(List.of(7), ledger.sizes);
    }

    @Test
    void ledgerErrorsAreRetriedUntilCommitted() {
        MemoryQueue q = new MemoryQueue();
        ScriptedLedger ledger = new ScriptedLedger() {
            @Override void behave(int call, List<String> batch) throws LedgerUnavailableException {
                if (call <= 3) throw new LedgerUnavailableException("peer unavailable", null);
            }
        };
        try (AnchorPipeline p = new AnchorPipeline(q, ledger, settings(50, 1), Clock.systemUTC())) {
            p.start();
            q.add(120);
            p.wake();
            awaitEmpty(q);
            assertEquals(3, p.stats().ledgerErrors());
        }
        assertEquals(120, q.anchoredCount.size());
        q.anchoredCount.values().forEach(c -> assertEquals(1, c.get()));
    }

    @Test
    void aRefusedItemFailsAloneAndTheRestOfItsBatchIsAnchored() {
        MemoryQueue q = new MemoryQueue();
        ScriptedLedger ledger = new ScriptedLedger() {
            @Override void behave(int call, List<String> batch) throws ChaincodeRefusedException {
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).equals("{\"invoiceId\":\"inv-17\"}")) {
                        throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: item " + i + " (inv-17): different content", i);
                    }
                }
            }
        };
        try (AnchorPipeline p = new AnchorPipeline(q, ledger, settings(50, 2), Clock.systemUTC())) {
            p.start();
            q.add(60);
            p.wake();
            awaitEmpty(q);
            assertEquals(1, p.stats().failedInvoices());
        }
        assertEquals(59, q.anchoredCount.size());
        assertTrue(q.failed.get("inv-17").startsWith("CONFLICT"));
    }

    @Test
    void aNewPipelineResumesFromTheOutbox() {
        MemoryQueue q = new MemoryQueue();
        ScriptedLedger slow = new ScriptedLedger() {
            @Override void behave(int call, List<String> batch) { sleep(50); }
        };
        q.add(400);
        try (AnchorPipeline p = new AnchorPipeline(q, slow, settings(50, 1), Clock.systemUTC())) {
            p.start();
            sleep(80);
        }
        int afterFirst = q.anchoredCount.size();
        assertTrue(afterFirst < 400, "the first pipeline should have stopped early");
        try (AnchorPipeline p = new AnchorPipeline(q, new ScriptedLedger(), settings(50, 2), Clock.systemUTC())) {
            p.start();
            awaitEmpty(q);
        }
        assertEquals(400, q.anchoredCount.size());
        q.anchoredCount.values().forEach(c -> assertEquals(1, c.get()));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        MemoryQueue q = new MemoryQueue();
        AnchoringSettings s = new AnchoringSettings(10, Duration.ofMillis(10), 1, Duration.ofMillis(100), Duration.ofMillis(1000));
        try (AnchorPipeline p = new AnchorPipeline(q, new ScriptedLedger(), s, Clock.systemUTC())) {
            assertEquals(Duration.ofMillis(100), p.backoff(2));
            assertEquals(Duration.ofMillis(200), p.backoff(3));
            assertEquals(Duration.ofMillis(800), p.backoff(5));
            assertEquals(Duration.ofMillis(1000), p.backoff(9));
        }
    }
}
