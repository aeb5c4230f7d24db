package dev.fapiao.gateway;

import dev.fapiao.node.model.MemoryUsage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * RocksDB's native memory as RocksDB counts it, in {@code /metrics}: RSS growth is only a leak beyond
 * these bounds. One scrape reads the four gauges in a row; they share one reading (RocksDB property
 * reads), taken again only once it is older than {@link #FRESH_NANOS}.
 */
final class ArchiveMemoryGauges {

    static final long FRESH_NANOS = 1_000_000_000L;

    private final Supplier<MemoryUsage> source;
    private final LongSupplier nanos;
    private MemoryUsage last;
    private long readAt;

    ArchiveMemoryGauges(Supplier<MemoryUsage> source, LongSupplier nanos) {
        this.source = source;
        this.nanos = nanos;
    }

    /** The reading, from the last call if that is fresh. Scrapes may overlap, hence the lock. */
    synchronized MemoryUsage reading() {
        long now = nanos.getAsLong();
        if (last == null || now - readAt >= FRESH_NANOS) {
            last = source.get();
            readAt = now;
        }
        return last;
    }

    void register(MeterRegistry registry) {
        gauge(registry, "fapiao_archive_memory_budget_bytes", MemoryUsage::budgetBytes,
                "the archive's RocksDB memory budget (archive.memoryBudgetBytes)");
        gauge(registry, "fapiao_archive_block_cache_bytes", MemoryUsage::blockCacheBytes,
                "RocksDB block cache in use, memtable reservations included (within the budget)");
        gauge(registry, "fapiao_archive_memtable_bytes", MemoryUsage::memtableBytes,
                "RocksDB memtables, all column families");
        gauge(registry, "fapiao_archive_table_readers_bytes", MemoryUsage::tableReaderBytes,
                "RocksDB index and filter memory outside the block cache");
    }

    private void gauge(MeterRegistry registry, String name, ToLongFunction<MemoryUsage> field, String description) {
        // strongly: a gauge holds its object weakly, and nothing else holds this one (NaN once collected)
        Gauge.builder(name, this, g -> field.applyAsLong(g.reading())).strongReference(true)
                .description(description).register(registry);
    }
}
