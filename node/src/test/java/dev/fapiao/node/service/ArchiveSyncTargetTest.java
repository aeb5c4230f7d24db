package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.LedgerEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledger events applied to the archive; a committed disposal is never refused by local rules; own anchors not read back. */
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
                archive.nodeState(), clock, new OwnTransitions());
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

    @Test
    void ownAnchorsAreNotReadBackButEveryOtherAnchorIsChecked() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(clock).build());
        AtomicInteger reads = new AtomicInteger();
        InvoiceStore counting = (InvoiceStore) Proxy.newProxyInstance(InvoiceStore.class.getClassLoader(),
                new Class<?>[] {InvoiceStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("get")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return m.invoke(archive.invoices(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ArchiveSyncTarget target = new ArchiveSyncTarget(counting, archive.anchors(), archive.auditLog(),
                archive.nodeState(), clock, new OwnTransitions());
        ArchivedInvoice own = put(3, LocalDate.of(2041, 1, 1));
        ArchivedInvoice other = put(4, LocalDate.of(2041, 1, 1));
        String tx = "cc".repeat(32);
        archive.anchors().acknowledge(List.of(own.invoiceId()), tx, 20, NOW, List.of());

        // this node's own transaction, acknowledged from its commit status: nothing to read
        target.apply(new LedgerEvent.Anchored(tx, 20, List.of(item(own))));
        assertEquals(0, reads.get());
        assertEquals(tx, archive.anchors().anchorState(own.invoiceId()).txId());

        // the same invoice named by another transaction with other hashes: read and reported
        long audits = archive.auditLog().read(0, 1000).size();
        target.apply(new LedgerEvent.Anchored("dd".repeat(32), 21, List.of(
                new LedgerEvent.Anchored.Item(own.invoiceId(), "00".repeat(32), own.metaHash(), "2041-01-01"))));
        assertEquals(1, reads.get());
        assertEquals(audits + 1, archive.auditLog().read(0, 1000).size());

        // an invoice not yet acknowledged here (anchored through another node, or the ack was lost): read, then acknowledged
        target.apply(new LedgerEvent.Anchored("ee".repeat(32), 22, List.of(item(other))));
        assertEquals(2, reads.get());
        AnchorState st = archive.anchors().anchorState(other.invoiceId());
        assertEquals(AnchorState.Phase.ANCHORED, st.phase());
        assertEquals(22, st.blockNumber());
    }

    @Test
    void anInvoiceThisNodeDoesNotHoldIsCountedMissingAndTheSyncGoesOn() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(clock).build());
        ArchiveSyncTarget target = new ArchiveSyncTarget(archive.invoices(), archive.anchors(), archive.auditLog(),
                archive.nodeState(), clock, new OwnTransitions());
        ArchivedInvoice held = put(5, LocalDate.of(2041, 1, 1));
        String foreign = ISSUER + String.format("%020d", 6);
        long audits = archive.auditLog().read(0, 1000).size();

        // one transaction of another node: an invoice held here and one that is not
        target.apply(new LedgerEvent.Anchored("ff".repeat(32), 30, List.of(
                new LedgerEvent.Anchored.Item(foreign, "11".repeat(32), "22".repeat(32), "2041-01-01"), item(held))));
        assertEquals(1, archive.nodeState().missingDocuments());
        assertEquals("MISSING_DOCUMENT", archive.auditLog().read(0, 1000).get((int) audits).action());
        assertEquals(30, archive.anchors().anchorState(held.invoiceId()).blockNumber());
    }

    @Test
    void aTransitionThisNodesRequestIsWaitingForIsAuditedAsThatRequestWhicheverPathAppliesItFirst() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(clock).build());
        OwnTransitions own = new OwnTransitions();
        ArchiveSyncTarget target = new ArchiveSyncTarget(archive.invoices(), archive.anchors(), archive.auditLog(),
                archive.nodeState(), clock, own);
        ArchivedInvoice mine = put(7, LocalDate.of(2041, 1, 1));
        ArchivedInvoice theirs = put(8, LocalDate.of(2041, 1, 1));
        String myTx = "a1".repeat(32);
        OwnTransitions.Pending request = own.pending("auditor:tax-1", new Origin("req-7", "jti-7"));
        request.accept(myTx);

        // the block event arrives before the request has its commit status
        target.apply(new LedgerEvent.Transitioned(myTx, 40, mine.invoiceId(), "LEGAL_HOLD_ON", "ISSUED", true,
                "TaxAuthorityMSP", "audit"));
        target.apply(new LedgerEvent.Transitioned("b2".repeat(32), 41, theirs.invoiceId(), "LEGAL_HOLD_ON", "ISSUED",
                true, "TaxAuthorityMSP", "audit"));

        AuditEntry ownEntry = status(mine.invoiceId());
        assertEquals("auditor:tax-1", ownEntry.actor());
        assertEquals("req-7", ownEntry.requestId());
        assertEquals("jti-7", ownEntry.tokenId());
        AuditEntry otherEntry = status(theirs.invoiceId());
        assertEquals("TaxAuthorityMSP (ledger tx " + "b2".repeat(32) + ")", otherEntry.actor());
        assertNull(otherEntry.requestId());
        assertTrue(archive.invoices().get(mine.invoiceId()).orElseThrow().legalHold());

        // released when the request ends: a later event of the same tx (a replay) is the ledger's again
        request.close();
        assertEquals(0, own.size());
        assertTrue(own.of(myTx).isEmpty());
    }

    private AuditEntry status(String invoiceId) {
        return archive.auditLog().read(0, 1000).stream()
                .filter(e -> e.action().equals("STATUS") && e.target().equals(invoiceId))
                .findFirst().orElseThrow();
    }

    private static LedgerEvent.Anchored.Item item(ArchivedInvoice inv) {
        return new LedgerEvent.Anchored.Item(inv.invoiceId(), inv.docHash(), inv.metaHash(), inv.retainUntil().toString());
    }
}
