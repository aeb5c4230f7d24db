package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.LedgerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledger events applied to the archive; a committed disposal is never refused by local rules. */
class ArchiveSyncTargetTest {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final String ISSUER = "91350100M000100Y43";

    @TempDir
    Path dir;

    Archive archive;

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    ArchivedInvoice put(long n, LocalDate retainUntil) {
        String number = String.format("%020d", n);
        String id = ISSUER + number;
        byte[] doc = ("<Invoice id=\"" + id + "\"/>").getBytes(StandardCharsets.UTF_8);
        String meta = "{\"id\":\"" + id + "\"}";
        Instant issued = NOW.minusSeconds(86_400);
        ArchivedInvoice inv = new ArchivedInvoice(id, ISSUER, number, issued, LocalDate.ofInstant(issued, ZoneOffset.ofHours(8)),
                Sm3.hashHex(doc), Sm3.hashHex(meta.getBytes(StandardCharsets.UTF_8)), retainUntil, "application/xml",
                doc.length, meta, new SealRef("ab".repeat(32), "MEUCIQ==", 1), null, InvoiceStatus.ISSUED, false,
                null, null, null);
        archive.invoices().put(inv, doc).join();
        return inv;
    }

    @Test
    void aLedgerDisposalIsAppliedEvenWhenTheLocalClockOrHoldDisagree() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(clock).build());
        ArchiveSyncTarget target = new ArchiveSyncTarget(archive.invoices(), archive.anchors(), archive.auditLog(),
                archive.nodeState(), clock);
        // the local clock says the retention period is not over (e.g. clock skew at midnight)
        ArchivedInvoice young = put(1, LocalDate.ofInstant(NOW, ZoneOffset.ofHours(8)));
        // the local archive has not seen the LEGAL_HOLD_OFF yet
        ArchivedInvoice held = put(2, LocalDate.of(2020, 1, 1));
        archive.invoices().updateStatus(held.invoiceId(), InvoiceStatus.ISSUED, true, "tax", "hold");

        target.apply(new LedgerEvent.Transitioned("aa".repeat(32), 10, young.invoiceId(), "DISPOSE", "DISPOSED",
                false, "EnterpriseServicesMSP", "retention over"));
        target.apply(new LedgerEvent.Transitioned("bb".repeat(32), 11, held.invoiceId(), "DISPOSE", "DISPOSED",
                false, "EnterpriseServicesMSP", "retention over"));
        for (ArchivedInvoice inv : new ArchivedInvoice[] {young, held}) {
            ArchivedInvoice now = archive.invoices().get(inv.invoiceId()).orElseThrow();
            assertTrue(now.disposed(), inv.invoiceId());
            assertEquals(InvoiceStatus.DISPOSED, now.status());
            assertFalse(now.legalHold());
            assertTrue(archive.documents().document(inv.docHash()).isEmpty());
        }
        // a replay changes nothing
        long audits = archive.auditLog().read(0, 1000).size();
        target.apply(new LedgerEvent.Transitioned("aa".repeat(32), 10, young.invoiceId(), "DISPOSE", "DISPOSED",
                false, "EnterpriseServicesMSP", "retention over"));
        assertEquals(audits, archive.auditLog().read(0, 1000).size());
    }
}
