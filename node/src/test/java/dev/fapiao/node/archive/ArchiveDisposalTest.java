package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.UnknownInvoiceException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's own disposal rules (defence in depth) and committed ledger disposals. */
class ArchiveDisposalTest {

    /** 2041-11-23T16:00Z is 2041-11-24 00:00 in China Standard Time. */
    static final Instant FIRST_CST_MOMENT_AFTER = Instant.parse("2041-11-23T16:00:00Z");
    static final LocalDate RETAIN_UNTIL = LocalDate.of(2041, 11, 23);

    @TempDir
    Path dir;

    Archive archive;

    Archive open(Instant now) {
        return Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(Clock.fixed(now, ZoneOffset.UTC)).build());
    }

    @BeforeEach
    void start() {
        archive = open(FIRST_CST_MOMENT_AFTER.minusMillis(1));
    }

    @AfterEach
    void close() {
        archive.close();
    }

    private ArchivedInvoice put(long n) {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n);
        archive.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
        return inv;
    }

    private void reopenAt(Instant now) {
        archive.close();
        archive = open(now);
    }

    @Test
    void beforeTheEndOfRetainUntilInCstTheArchiveRefusesAndChangesNothing() {
        ArchivedInvoice inv = put(1);
        long audits = archive.auditLog().read(0, 1000).size();
        DisposalRefusedException e = assertThrows(DisposalRefusedException.class,
                () -> archive.invoices().dispose(inv.invoiceId(), "alice", "too early"));
        assertEquals(DisposalRefusedException.Reason.RETENTION_NOT_OVER, e.reason());
        assertEquals(RETAIN_UNTIL, e.retainUntil());
        assertEquals(inv.invoiceId(), e.invoiceId());
        assertTrue(e.getMessage().contains("must be retained until 2041-11-23"), e.getMessage());
        assertTrue(e.getMessage().contains("disposed from 2041-11-24"), e.getMessage());
        assertTrue(e.getMessage().contains("today is 2041-11-23"), e.getMessage());
        assertTrue(e instanceof ConflictException, "callers that know conflicts answer 409");
        assertEquals(InvoiceStatus.ISSUED, archive.invoices().get(inv.invoiceId()).orElseThrow().status());
        assertTrue(archive.documents().document(inv.docHash()).isPresent());
        assertEquals(audits, archive.auditLog().read(0, 1000).size(), "nothing written, not even an audit entry");

        reopenAt(FIRST_CST_MOMENT_AFTER);
        ArchivedInvoice tomb = archive.invoices().dispose(inv.invoiceId(), "alice", "retention over");
        assertTrue(tomb.disposed());
        assertTrue(archive.documents().document(inv.docHash()).isEmpty());
    }

    @Test
    void underLegalHoldTheArchiveRefusesEvenAfterRetention() {
        reopenAt(FIRST_CST_MOMENT_AFTER.plusSeconds(86_400 * 400));
        ArchivedInvoice inv = put(2);
        archive.invoices().updateStatus(inv.invoiceId(), InvoiceStatus.DELIVERED, true, "tax", "audit");
        DisposalRefusedException e = assertThrows(DisposalRefusedException.class,
                () -> archive.invoices().dispose(inv.invoiceId(), "alice", "cleanup"));
        assertEquals(DisposalRefusedException.Reason.LEGAL_HOLD, e.reason());
        assertTrue(e.getMessage().contains("under legal hold"), e.getMessage());
        ArchivedInvoice after = archive.invoices().get(inv.invoiceId()).orElseThrow();
        assertEquals(InvoiceStatus.DELIVERED, after.status());
        assertTrue(after.legalHold());
        assertFalse(after.disposed());
    }

    @Test
    void aCommittedLedgerDisposalIsAppliedWhateverTheLocalView() {
        ArchivedInvoice early = put(3);
        ArchivedInvoice held = put(4);
        archive.invoices().updateStatus(held.invoiceId(), InvoiceStatus.ISSUED, true, "tax", "hold (lifted on the ledger later)");

        ArchivedInvoice t1 = archive.invoices().disposeCommitted(early.invoiceId(), "aa".repeat(32), "EnterpriseServicesMSP", "gone");
        ArchivedInvoice t2 = archive.invoices().disposeCommitted(held.invoiceId(), "bb".repeat(32), "EnterpriseServicesMSP", "gone");
        for (ArchivedInvoice t : List.of(t1, t2)) {
            assertTrue(t.disposed());
            assertEquals(InvoiceStatus.DISPOSED, t.status());
            assertFalse(t.legalHold(), "as on the ledger: a disposed invoice has no hold");
            assertTrue(archive.documents().document(t.docHash()).isEmpty());
        }
        List<AuditEntry> disposals = archive.auditLog().read(0, 1000).stream().filter(a -> a.action().equals("DISPOSE")).toList();
        assertEquals(2, disposals.size());
        assertTrue(disposals.get(0).detail().contains("ledger tx " + "aa".repeat(32)), disposals.get(0).detail());
        assertTrue(disposals.get(0).detail().contains("local view disagreed"), disposals.get(0).detail());
        assertTrue(disposals.get(1).detail().contains("under legal hold"), disposals.get(1).detail());
        // again: the tombstone, nothing written
        assertEquals(t1, archive.invoices().disposeCommitted(early.invoiceId(), "cc".repeat(32), "x", "again"));
        assertEquals(t1, archive.invoices().dispose(early.invoiceId(), "x", "again"));
        assertThrows(IllegalArgumentException.class, () -> archive.invoices().disposeCommitted(early.invoiceId(), " ", "x", "y"));
        assertThrows(UnknownInvoiceException.class,
                () -> archive.invoices().disposeCommitted(Fixtures.ISSUER_A + Fixtures.number(99), "dd".repeat(32), "x", "y"));
    }
}
