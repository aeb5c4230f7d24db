package dev.fapiao.node.model;

/**
 * RocksDB's own accounting of the archive's native memory, against its budget
 * ({@code archive.memoryBudgetBytes}).
 *
 * @param budgetBytes     the configured budget (block cache capacity)
 * @param blockCacheBytes bytes held by the block cache, memtable reservations included
 * @param memtableBytes   bytes of all memtables (active, immutable, pinned)
 * @param tableReaderBytes index and filter memory outside the cache (0 when they are cached, as here)
 */
public record MemoryUsage(long budgetBytes, long blockCacheBytes, long memtableBytes, long tableReaderBytes) {}
