package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fapiao.node.model.MemoryUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArchiveMemoryGaugesTest {

    @Test
    void oneScrapeReadsRocksDbOnceAndALaterScrapeReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        var gauges = new ArchiveMemoryGauges(() -> {
            int n = reads.incrementAndGet();
            return new MemoryUsage(100, 10L * n, 20L * n, 30L * n);
        }, now::get);
        var registry = new SimpleMeterRegistry();
        gauges.register(registry);

        assertEquals(100, registry.get("fapiao_archive_memory_budget_bytes").gauge().value());
        assertEquals(10, registry.get("fapiao_archive_block_cache_bytes").gauge().value());
        assertEquals(20, registry.get("fapiao_archive_memtable_bytes").gauge().value());
        assertEquals(30, registry.get("fapiao_archive_table_readers_bytes").gauge().value());
        assertEquals(1, reads.get(), "four gauges, one reading");

        now.addAndGet(ArchiveMemoryGauges.FRESH_NANOS);
        assertEquals(20, registry.get("fapiao_archive_block_cache_bytes").gauge().value());
        assertEquals(2, reads.get(), "a stale reading is taken again");
    }

    /** As the gateway registers them: nothing but the registry holds the gauges' object. */
    @Test
    void theGaugesStillReadAfterACollection() throws InterruptedException {
        var registry = new SimpleMeterRegistry();
        new ArchiveMemoryGauges(() -> new MemoryUsage(100, 10, 20, 30), System::nanoTime).register(registry);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(100, registry.get("fapiao_archive_memory_budget_bytes").gauge().value(),
                "a weakly held object reads NaN once collected");
    }
}
