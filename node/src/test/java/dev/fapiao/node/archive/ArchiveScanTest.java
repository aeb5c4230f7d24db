package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InvoiceStore#forEachInvoice}: the full scan verify-archive uses. */
class ArchiveScanTest {
    @TempDir
    Path dir;
    Archive archive;

    @BeforeEach
    void open() {
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).syncWrites(false).build());
    }

    @AfterEach
    void close() {
        archive.close();
    }

    private List<String> put(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ArchivedInvoice inv = Fixtures.invoice(i % 2 == 0 ? Fixtures.ISSUER_A : Fixtures.ISSUER_B, i);
            archive.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
            ids.add(inv.invoiceId());
        }
        return ids.stream().sorted().toList();
    }

    @Test
    void visitsEveryInvoiceInIdOrderAcrossIssuersIncludingTombstones() {
        assertScan(List.of());
        List<String> ids = put(7);
        ArchivedInvoice old = Fixtures.withRetain(Fixtures.invoice(Fixtures.ISSUER_A, 100), java.time.LocalDate.of(2020, 1, 1));
        archive.invoices().put(old, Fixtures.document(old.invoiceId())).join();
        archive.invoices().dispose(old.invoiceId());
        List<String> expected = new ArrayList<>(ids);
        expected.add(old.invoiceId());
        assertScan(expected.stream().sorted().toList());
        List<ArchivedInvoice> seen = new ArrayList<>();
        archive.invoices().forEachInvoice(seen::add);
        assertEquals(archive.invoices().get(old.invoiceId()).orElseThrow(), seen.stream()
                .filter(i -> i.invoiceId().equals(old.invoiceId())).findFirst().orElseThrow());
        assertTrue(seen.stream().filter(ArchivedInvoice::disposed).count() == 1);
    }

    private void assertScan(List<String> expected) {
        List<String> seen = new ArrayList<>();
        archive.invoices().forEachInvoice(i -> seen.add(i.invoiceId()));
        assertEquals(expected, seen);
    }

    @Test
    void damagedRecordIsReportedAndTheScanContinues() {
        List<String> ids = put(5);
        String damaged = ids.get(2);
        ArchiveTestHooks.corruptInvoiceRecord(archive, damaged);

        List<String> seen = new ArrayList<>();
        List<CorruptedRecordException> corrupted = new ArrayList<>();
        archive.invoices().forEachInvoice(i -> seen.add(i.invoiceId()), corrupted::add);
        assertEquals(ids.stream().filter(id -> !id.equals(damaged)).toList(), seen);
        assertEquals(1, corrupted.size());
        assertEquals("invoices", corrupted.get(0).columnFamily());
        assertEquals(damaged, corrupted.get(0).key());

        // the one-argument form stops at the damaged record
        List<String> partial = new ArrayList<>();
        assertThrows(CorruptedRecordException.class, () -> archive.invoices().forEachInvoice(i -> partial.add(i.invoiceId())));
        assertEquals(ids.subList(0, 2), partial);
    }

    @Test
    void anExceptionFromTheActionEndsTheScanAndClosedArchiveRefuses() {
        put(3);
        int[] calls = {0};
        assertThrows(IllegalStateException.class, () -> archive.invoices().forEachInvoice(i -> {
            calls[0]++;
            throw new IllegalStateException("stop");
        }));
        assertEquals(1, calls[0]);
        archive.close();
        assertThrows(ArchiveException.class, () -> archive.invoices().forEachInvoice(i -> { }));
    }
}
