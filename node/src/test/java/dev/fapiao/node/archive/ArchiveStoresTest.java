package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores' own contracts: typed node state on the old keys, the atomic anchor writes, the feed. */
class ArchiveStoresTest {

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

    private ArchivedInvoice put(long n) {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n);
        return archive.invoices().put(inv, Fixtures.document(inv.invoiceId()), "{}").join().invoice();
    }

    @Test
    void nodeStateIsTypedAndKeepsTheOldKeys() {
        NodeState state = archive.nodeState();
        assertEquals(Optional.empty(), state.syncCursor());
        assertEquals(0, state.missingDocuments());
        state.saveSyncCursor(new SyncCursor(41));
        assertEquals(41, ArchiveTestHooks.meta(archive).getLong("sync.block").getAsLong(), "same key as before");
        ArchiveTestHooks.meta(archive).putLong("sync.block", 42); // as written by an older node
        assertEquals(Optional.of(new SyncCursor(42)), state.syncCursor());
        assertEquals(1, state.countMissingDocument());
        assertEquals(2, state.countMissingDocument());
        assertEquals(2, ArchiveTestHooks.meta(archive).getLong("sync.missingDocuments").getAsLong());
        assertThrows(IllegalArgumentException.class, () -> new SyncCursor(-1));

        archive.close();
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).syncWrites(false).build());
        assertEquals(Optional.of(new SyncCursor(42)), archive.nodeState().syncCursor());
        assertEquals(2, archive.nodeState().missingDocuments());
    }

    @Test
    void acknowledgeAnchorsAndEmptiesTheOutboxInOneWrite() {
        String a = put(1).invoiceId();
        String b = put(2).invoiceId();
        Instant committed = Instant.parse("2026-11-23T08:00:01Z");
        AnchorStore anchors = archive.anchors();
        assertEquals(2, anchors.outboxSize());

        // an unknown invoice fails the whole write: nothing anchored, nothing removed
        assertThrows(UnknownInvoiceException.class,
                () -> anchors.acknowledge(List.of(a, "nope"), "tx0", 7, committed, List.of(1L)));
        assertEquals(AnchorState.Phase.PENDING, anchors.anchorState(a).phase());
        assertEquals(2, anchors.outboxSize());

        anchors.acknowledge(List.of(a), "tx1", 8, committed, List.of(1L));
        assertEquals(AnchorState.Phase.ANCHORED, anchors.anchorState(a).phase());
        assertEquals(8, anchors.anchorState(a).blockNumber());
        assertEquals(List.of(2L), anchors.outbox(0, 10).stream().map(OutboxEntry::seq).toList());
        assertEquals(AnchorState.Phase.PENDING, anchors.anchorState(b).phase());
    }

    @Test
    void refuseFailsRemovesAndAuditsTogether() {
        String a = put(1).invoiceId();
        long before = archive.auditLog().read(0, 100).size();
        archive.anchors().refuse(1, a, "ledger", "CONFLICT: different content");
        AnchorState s = archive.anchors().anchorState(a);
        assertEquals(AnchorState.Phase.FAILED, s.phase());
        assertEquals("CONFLICT: different content", s.lastError());
        assertEquals(0, archive.anchors().outboxSize());
        List<AuditEntry> audit = archive.auditLog().read(0, 100);
        assertEquals(before + 2, audit.size());
        assertEquals("ANCHOR_FAILED", audit.get(audit.size() - 2).action());
        AuditEntry refused = audit.get(audit.size() - 1);
        assertEquals(List.of("ledger", "ANCHOR_REFUSED", a), List.of(refused.actor(), refused.action(), refused.target()));
        assertThrows(UnknownInvoiceException.class, () -> archive.anchors().refuse(2, "nope", "ledger", "x"));
    }

    @Test
    void feedHasOneEventPerNewInvoiceInArchiveOrder() {
        InvoiceFeed feed = archive.feed();
        assertEquals(new InvoiceFeed.Page(List.of(), 0, true), feed.archivedAfter(0, 10));
        ArchivedInvoice one = put(1);
        archive.auditLog().append("op", "NOTE", "x", null);
        archive.auditLog().append("someone", "PUT", Fixtures.ISSUER_A + Fixtures.number(9), "docHash=00"); // forged
        archive.invoices().updateStatus(one.invoiceId(), InvoiceStatus.DELIVERED, false, "op", null);
        ArchivedInvoice two = put(2);
        put(1); // identical re-put: no event

        InvoiceFeed.Page all = feed.archivedAfter(0, 100);
        assertEquals(List.of(event(1, one), event(5, two)), all.events());
        assertEquals(5, all.lastSeq());
        assertTrue(all.end());

        InvoiceFeed.Page first = feed.archivedAfter(0, 2);
        assertEquals(List.of(event(1, one)), first.events());
        assertEquals(2, first.lastSeq());
        assertFalse(first.end());
        assertEquals(List.of(event(5, two)), feed.archivedAfter(first.lastSeq(), 100).events());
        assertEquals(new InvoiceFeed.Page(List.of(), 5, true), feed.archivedAfter(5, 100));
    }

    private static InvoiceArchived event(long seq, ArchivedInvoice inv) {
        return new InvoiceArchived(seq, inv.invoiceId(), inv.docHash(), inv.metaHash(), inv.retainUntil());
    }
}
