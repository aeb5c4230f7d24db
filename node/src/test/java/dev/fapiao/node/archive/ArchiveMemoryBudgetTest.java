package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's memtables and block cache stay within one budget: 40 MiB of documents (each
 * 4 KiB, below the blob threshold, so they sit in the memtables) written into an archive with
 * a 16 MiB budget. Without the WriteBufferManager the memtables alone reach ~40 MiB (RocksDB's
 * default write buffer is 64 MiB per column family).
 */
class ArchiveMemoryBudgetTest {

    @TempDir
    Path dir;

    @Test
    void memtablesAndCacheStayWithinTheBudget() {
        long budget = 16L << 20;
        ArchiveOptions options = ArchiveOptions.builder(dir.resolve("db")).memoryBudgetBytes(budget)
                .syncWrites(false).build();
        long peakMemtables = 0;
        long peakCache = 0;
        try (Archive archive = Archive.open(options)) {
            assertEquals(budget, archive.memoryUsage().budgetBytes());
            for (int round = 0; round < 20; round++) {
                List<CompletableFuture<PutResult>> puts = new ArrayList<>();
                for (int i = 0; i < 512; i++) {
                    long n = round * 512L + i;
                    byte[] doc = document(n);
                    ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n,
                            Instant.parse("2026-11-23T08:00:00Z"), doc);
                    puts.add(archive.invoices().put(inv, doc));
                }
                puts.forEach(CompletableFuture::join);
                MemoryUsage m = archive.memoryUsage();
                peakMemtables = Math.max(peakMemtables, m.memtableBytes());
                peakCache = Math.max(peakCache, m.blockCacheBytes());
            }
        }
        // the manager flushes once memtables pass half the budget; memtables being flushed still count until done
        assertTrue(peakMemtables <= budget * 7 / 8, "memtables peaked at " + peakMemtables + " bytes");
        System.out.printf("memory budget %d: memtables peak %d, block cache peak %d%n", budget, peakMemtables, peakCache);
        assertTrue(peakCache <= budget + (1 << 20), "block cache peaked at " + peakCache + " bytes");
    }

    private static byte[] document(long n) {
        byte[] doc = new byte[4096];
        Arrays.fill(doc, (byte) ('a' + n % 26));
        byte[] id = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, doc, 0, id.length);
        return doc;
    }
}
