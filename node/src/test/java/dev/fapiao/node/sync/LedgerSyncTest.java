package dev.fapiao.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.ledger.BlockSource;
import dev.fapiao.node.ledger.LedgerEvent;
import dev.fapiao.node.ledger.LedgerEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The sync over a scripted ledger: where it starts, when its cursor moves, how it resumes. */
class LedgerSyncTest {

    static LedgerEvent event(String tx, long block) {
        return new LedgerEvent.Other(tx, block, "SignerChanged");
    }

    /** Each {@code events(from)} call plays the next script, then waits (or breaks, if the script says so). */
    static final class ScriptedLedger implements LedgerEvents, BlockSource {
        final List<List<LedgerEvent>> scripts = new ArrayList<>();
        final List<Boolean> breakAfter = new ArrayList<>();
        final List<Long> requestedFrom = new CopyOnWriteArrayList<>();
        long height = 42;
        int heightCalls;

        void script(boolean thenBreak, LedgerEvent... events) {
            scripts.add(List.of(events));
            breakAfter.add(thenBreak);
        }

        @Override
        public synchronized EventStream events(long startBlock) {
            int n = requestedFrom.size();
            requestedFrom.add(startBlock);
            Iterator<LedgerEvent> it = n < scripts.size() ? scripts.get(n).iterator() : List.<LedgerEvent>of().iterator();
            boolean breaks = n < breakAfter.size() && breakAfter.get(n);
            CountDownLatch closed = new CountDownLatch(1);
            return new EventStream() {
                @Override
                public boolean hasNext() {
                    if (it.hasNext()) {
                        return true;
                    }
                    if (breaks) {
                        throw new StreamBrokenException("connection reset (scripted)", null);
                    }
                    try {
                        closed.await(); // a live stream: nothing new until closed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                }

                @Override
                public LedgerEvent next() {
                    return it.next();
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }

        @Override
        public byte[] blockByTxId(String txId) {
            throw new AssertionError("the sync reads no blocks");
        }

        @Override
        public synchronized long chainHeight() {
            heightCalls++;
            return height;
        }
    }

    static final class MemoryTarget implements SyncTarget {
        final List<LedgerEvent> applied = new CopyOnWriteArrayList<>();
        volatile OptionalLong cursor = OptionalLong.empty();

        @Override
        public void apply(LedgerEvent event) {
            applied.add(event);
        }

        @Override
        public OptionalLong cursor() {
            return cursor;
        }

        @Override
        public void advanceCursor(long blockNumber) {
            cursor = OptionalLong.of(blockNumber);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void aNewNodeStartsAtTheChainHeightAndRecordsItAsItsCursor() throws Exception {
        ScriptedLedger ledger = new ScriptedLedger();
        MemoryTarget target = new MemoryTarget();
        try (LedgerSync sync = new LedgerSync(ledger, ledger, target, LedgerSync.Start.LATEST)) {
            sync.start();
            await(() -> !ledger.requestedFrom.isEmpty(), "the sync never opened the event stream");
        }
        assertEquals(List.of(42L), ledger.requestedFrom);
        assertEquals(OptionalLong.of(41), target.cursor);
    }

    @Test
    void fromGenesisItReplaysFromBlockZeroWithoutAskingTheHeight() throws Exception {
        ScriptedLedger ledger = new ScriptedLedger();
        MemoryTarget target = new MemoryTarget();
        try (LedgerSync sync = new LedgerSync(ledger, ledger, target, LedgerSync.Start.GENESIS)) {
            sync.start();
            await(() -> !ledger.requestedFrom.isEmpty(), "the sync never opened the event stream");
        }
        assertEquals(List.of(0L), ledger.requestedFrom);
        assertEquals(0, ledger.heightCalls);
    }

    @Test
    void theCursorMovesOnlyPastBlocksWhoseEventsAreAllApplied() throws Exception {
        ScriptedLedger ledger = new ScriptedLedger();
        ledger.script(false, event("a", 10), event("b", 10), event("c", 11));
        MemoryTarget target = new MemoryTarget();
        target.cursor = OptionalLong.of(9);
        try (LedgerSync sync = new LedgerSync(ledger, ledger, target, LedgerSync.Start.LATEST)) {
            sync.start();
            await(() -> sync.applied() == 3, "not all events applied");
            assertEquals(10, sync.lastBlock());
        }
        assertEquals(List.of(10L), ledger.requestedFrom);
        assertEquals(OptionalLong.of(10), target.cursor); // block 11 may have more events
        assertEquals(List.of("a", "b", "c"), target.applied.stream().map(LedgerEvent::txId).toList());
    }

    @Test
    void afterTheStreamBreaksItResumesFromTheCursorAndReplaysTheUnfinishedBlock() throws Exception {
        ScriptedLedger ledger = new ScriptedLedger();
        ledger.script(true, event("a", 5), event("b", 6));
        ledger.script(false, event("b", 6), event("c", 7));
        MemoryTarget target = new MemoryTarget();
        target.cursor = OptionalLong.of(4);
        try (LedgerSync sync = new LedgerSync(ledger, ledger, target, LedgerSync.Start.LATEST)) {
            sync.start();
            await(() -> sync.applied() == 4, "the sync did not resume after the break");
        }
        assertEquals(List.of(5L, 6L), ledger.requestedFrom);
        assertEquals(OptionalLong.of(6), target.cursor);
        assertEquals(List.of("a", "b", "b", "c"), target.applied.stream().map(LedgerEvent::txId).toList());
    }
}
