package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.model.UnknownInvoiceException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {

    @TempDir
    Path dir;

    Archive archive;

    @BeforeEach
    void open() {
        archive = Archive.open(ArchiveOptions.defaults(dir.resolve("db")));
    }

    @AfterEach
    void close() {
        archive.close();
    }

    private PutResult put(ArchivedInvoice inv) {
        return archive.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
    }

    private static Throwable cause(Runnable r) {
        CompletionException e = assertThrows(CompletionException.class, r::run);
        return e.getCause();
    }

    @Test
    void putThenReadEverything() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        PutResult r = archive.invoices().put(inv, Fixtures.document(inv.invoiceId()), "{\"anchor\":1}").join();
        assertFalse(r.existing());
        assertEquals(1, r.outboxSeq());
        ArchivedInvoice got = archive.invoices().get(inv.invoiceId()).orElseThrow();
        assertEquals(r.invoice(), got);
        assertEquals(inv.metadataJson(), got.metadataJson());
        assertNotNull(got.receivedAt());
        assertArrayEquals(Fixtures.document(inv.invoiceId()), archive.documents().document(inv.docHash()).orElseThrow());
        AnchorState a = archive.anchors().anchorState(inv.invoiceId());
        assertEquals(AnchorState.Phase.PENDING, a.phase());
        assertEquals(List.of(new OutboxEntry(1, inv.invoiceId(), OutboxEntry.Kind.ANCHOR, "{\"anchor\":1}")),
                archive.anchors().outbox(0, 10));
        assertEquals(1, archive.anchors().lastOutboxSeq());
        assertEquals(1L, archive.invoices().countByStatus().get(InvoiceStatus.ISSUED));
        List<AuditEntry> audit = archive.auditLog().read(0, 10);
        assertEquals(1, audit.size());
        assertEquals("PUT", audit.get(0).action());
        assertEquals(inv.invoiceId(), audit.get(0).target());
        assertTrue(archive.invoices().get(Fixtures.ISSUER_A + Fixtures.number(2)).isEmpty());
        assertTrue(archive.documents().document("00".repeat(32)).isEmpty());
        assertThrows(UnknownInvoiceException.class, () -> archive.anchors().anchorState("nope"));
    }

    @Test
    void invalidInputIsRefusedBeforeQueueing() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        assertThrows(IllegalArgumentException.class, () -> archive.invoices().put(inv, "other".getBytes(StandardCharsets.UTF_8)));
        ArchivedInvoice wrongDate = new ArchivedInvoice(inv.invoiceId(), inv.issuer(), inv.number(), inv.issueTime(),
                inv.issueDate().plusDays(1), inv.docHash(), inv.metaHash(), inv.retainUntil(), inv.contentType(),
                inv.documentSize(), inv.metadataJson(), inv.seal(), null, InvoiceStatus.ISSUED, false, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> archive.invoices().put(wrongDate, Fixtures.document(inv.invoiceId())));
        assertTrue(e.getMessage().contains("CST"), e.getMessage());
        assertEquals(0, archive.anchors().lastOutboxSeq());
    }

    @Test
    void samePutTwiceIsIdempotent() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        PutResult first = put(inv);
        PutResult again = put(inv);
        assertTrue(again.existing());
        assertEquals(0, again.outboxSeq());
        assertEquals(first.invoice(), again.invoice());
        assertEquals(1, archive.anchors().outbox(0, 10).size());
        assertEquals(1, archive.auditLog().read(0, 10).size());
        assertEquals(1L, archive.invoices().countByStatus().get(InvoiceStatus.ISSUED));
    }

    @Test
    void sameIdOtherContentConflicts() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        put(inv);
        ArchivedInvoice other = Fixtures.withRetain(inv, inv.retainUntil().plusYears(1));
        Throwable c = cause(() -> put(other));
        assertInstanceOf(ConflictException.class, c);
        assertTrue(c.getMessage().contains("retainUntil"), c.getMessage());
        byte[] otherDoc = "another document".getBytes(StandardCharsets.UTF_8);
        ArchivedInvoice otherDocInv = Fixtures.invoice(Fixtures.ISSUER_A, 1, inv.issueTime(), otherDoc);
        Throwable c2 = cause(() -> archive.invoices().put(otherDocInv, otherDoc).join());
        assertInstanceOf(ConflictException.class, c2);
        assertEquals(inv.retainUntil(), archive.invoices().get(inv.invoiceId()).orElseThrow().retainUntil());
    }

    @Test
    void duplicatesInsideOneGroupSeeEachOther() {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = ArchiveTestHooks.blockWriter(archive, release);
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 7);
        ArchivedInvoice conflicting = Fixtures.withRetain(inv, inv.retainUntil().plusDays(1));
        List<CompletableFuture<PutResult>> same = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            same.add(archive.invoices().put(inv, Fixtures.document(inv.invoiceId())));
        }
        CompletableFuture<PutResult> conflict = archive.invoices().put(conflicting, Fixtures.document(inv.invoiceId()));
        release.countDown();
        blocker.join();
        long fresh = same.stream().map(CompletableFuture::join).filter(r -> !r.existing()).count();
        assertEquals(1, fresh);
        assertInstanceOf(ConflictException.class, cause(conflict::join));
        assertEquals(1, archive.anchors().outbox(0, 10).size());
        assertEquals(1L, archive.invoices().countByStatus().get(InvoiceStatus.ISSUED));
    }

    @Test
    void identicalDocumentsAreStoredOnceAndDisposedByReference() {
        byte[] doc = "shared pdf bytes".getBytes(StandardCharsets.UTF_8);
        Instant t = Instant.parse("2010-01-05T02:00:00Z");
        ArchivedInvoice a = Fixtures.withRetain(Fixtures.invoice(Fixtures.ISSUER_A, 1, t, doc), LocalDate.of(2020, 1, 1));
        ArchivedInvoice b = Fixtures.withRetain(Fixtures.invoice(Fixtures.ISSUER_A, 2, t, doc), LocalDate.of(2020, 1, 1));
        archive.invoices().put(a, doc).join();
        archive.invoices().put(b, doc).join();
        assertArrayEquals(doc, archive.documents().document(a.docHash()).orElseThrow());

        ArchivedInvoice tomb = archive.invoices().dispose(a.invoiceId(), "alice", "retention over");
        assertTrue(tomb.disposed());
        assertEquals(InvoiceStatus.DISPOSED, tomb.status());
        assertTrue(archive.documents().document(a.docHash()).isPresent(), "still referenced by b");
        assertTrue(archive.documents().contains(a.docHash()), "still referenced by b");
        assertEquals(tomb, archive.invoices().dispose(a.invoiceId()), "disposing twice returns the tombstone");

        archive.invoices().updateStatus(b.invoiceId(), InvoiceStatus.ISSUED, true, "tax", "audit");
        assertInstanceOf(ConflictException.class,
                assertThrows(ConflictException.class, () -> archive.invoices().dispose(b.invoiceId())));
        archive.invoices().updateStatus(b.invoiceId(), InvoiceStatus.ISSUED, false, "tax", "audit done");
        archive.invoices().dispose(b.invoiceId());
        assertTrue(archive.documents().document(a.docHash()).isEmpty(), "last reference gone");
        assertFalse(archive.documents().contains(a.docHash()), "last reference gone");
        assertEquals(2L, archive.invoices().countByStatus().get(InvoiceStatus.DISPOSED));
        assertEquals(0L, archive.invoices().countByStatus().get(InvoiceStatus.ISSUED));
        assertThrows(ConflictException.class,
                () -> archive.invoices().updateStatus(b.invoiceId(), InvoiceStatus.DELIVERED, false, "x", "y"));
        assertTrue(archive.invoices().get(a.invoiceId()).orElseThrow().disposed());

        ArchivedInvoice young = Fixtures.invoice(Fixtures.ISSUER_A, 3);
        put(young);
        ConflictException e = assertThrows(ConflictException.class, () -> archive.invoices().dispose(young.invoiceId()));
        assertTrue(e.getMessage().contains("retained until"), e.getMessage());
    }

    @Test
    void corruptedValuesAreDetectedNeverServed() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        put(inv);
        byte[] id = inv.invoiceId().getBytes(StandardCharsets.UTF_8);

        byte[] record = ArchiveTestHooks.rawValue(archive, Cf.INVOICES, id);
        record[record.length / 2] ^= 0x01;
        ArchiveTestHooks.rawPut(archive, Cf.INVOICES, id, record);
        CorruptedRecordException e = assertThrows(CorruptedRecordException.class, () -> archive.invoices().get(inv.invoiceId()));
        assertEquals("invoices", e.columnFamily());
        assertEquals(inv.invoiceId(), e.key());
        assertTrue(e.getMessage().contains("invoices") && e.getMessage().contains(inv.invoiceId()), e.getMessage());

        byte[] docKey = DocumentCodec.docKey(inv.docHash());
        byte[] doc = ArchiveTestHooks.rawValue(archive, Cf.DOCUMENTS, docKey);
        doc[doc.length - 1] ^= 0x20;
        ArchiveTestHooks.rawPut(archive, Cf.DOCUMENTS, docKey, doc);
        CorruptedRecordException d = assertThrows(CorruptedRecordException.class, () -> archive.documents().document(inv.docHash()));
        assertEquals("documents", d.columnFamily());
        assertEquals("0x" + inv.docHash(), d.key());

        ArchiveTestHooks.rawPut(archive, Cf.ANCHORS, id, "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals("anchors", assertThrows(CorruptedRecordException.class,
                () -> archive.anchors().anchorState(inv.invoiceId())).columnFamily());

        ArchiveTestHooks.rawPut(archive, Cf.OUTBOX, Codec.u64(1), new byte[] {1, 2});
        assertEquals("outbox", assertThrows(CorruptedRecordException.class, () -> archive.anchors().outbox(0, 10)).columnFamily());

        // a value moved to another key fails too (the checksum covers the key)
        ArchivedInvoice other = Fixtures.invoice(Fixtures.ISSUER_A, 2);
        put(other);
        byte[] otherId = other.invoiceId().getBytes(StandardCharsets.UTF_8);
        ArchiveTestHooks.rawPut(archive, Cf.INVOICES, otherId, ArchiveTestHooks.rawValue(archive, Cf.ANCHORS, otherId));
        assertThrows(CorruptedRecordException.class, () -> archive.invoices().get(other.invoiceId()));

        // a write whose idempotence check meets the corrupted record fails with the same error
        assertInstanceOf(CorruptedRecordException.class, cause(() -> put(inv)));
    }

    @Test
    void corruptionOnDiskIsDetectedAfterReopen() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        put(inv);
        byte[] id = inv.invoiceId().getBytes(StandardCharsets.UTF_8);
        byte[] record = ArchiveTestHooks.rawValue(archive, Cf.INVOICES, id);
        record[0] = 9; // unknown format version
        ArchiveTestHooks.rawPut(archive, Cf.INVOICES, id, record);
        archive.close();
        archive = Archive.open(ArchiveOptions.defaults(dir.resolve("db")));
        CorruptedRecordException e = assertThrows(CorruptedRecordException.class, () -> archive.invoices().get(inv.invoiceId()));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void searchPagesThroughIssuerAndDates() {
        Instant base = Instant.parse("2026-03-01T01:00:00Z");
        for (int i = 0; i < 25; i++) {
            Instant t = base.plusSeconds(86_400L * (i % 5) + i);
            ArchivedInvoice a = Fixtures.invoice(Fixtures.ISSUER_A, i, t, Fixtures.document(Fixtures.ISSUER_A + Fixtures.number(i)));
            archive.invoices().put(a, Fixtures.document(a.invoiceId())).join();
            ArchivedInvoice b = Fixtures.invoice(Fixtures.ISSUER_B, i, t, Fixtures.document(Fixtures.ISSUER_B + Fixtures.number(i)));
            archive.invoices().put(b, Fixtures.document(b.invoiceId())).join();
        }
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 3, 5);
        List<ArchivedInvoice> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SearchPage p = archive.invoices().search(Fixtures.ISSUER_A, from, to, null, cursor, 10);
            all.addAll(p.items());
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(25, all.size());
        assertEquals(25, new HashSet<>(all).size());
        assertTrue(all.stream().allMatch(i -> i.issuer().equals(Fixtures.ISSUER_A)));
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!all.get(i).issueDate().isBefore(all.get(i - 1).issueDate()), "date order");
        }
        // exact page size: no empty trailing page
        SearchPage exact = archive.invoices().search(Fixtures.ISSUER_A, from, from, null, null, 5);
        assertEquals(5, exact.items().size());
        assertNull(exact.nextCursor());

        // date range is inclusive
        assertEquals(10, archive.invoices().search(Fixtures.ISSUER_A, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3),
                null, null, 100).items().size());

        // status filter
        archive.invoices().updateStatus(all.get(3).invoiceId(), InvoiceStatus.DELIVERED, false, "buyer", "received");
        SearchPage delivered = archive.invoices().search(Fixtures.ISSUER_A, from, to, InvoiceStatus.DELIVERED, null, 10);
        assertEquals(List.of(all.get(3).invoiceId()), delivered.items().stream().map(ArchivedInvoice::invoiceId).toList());
        assertEquals(24, archive.invoices().search(Fixtures.ISSUER_A, from, to, InvoiceStatus.ISSUED, null, 100).items().size());

        assertThrows(IllegalArgumentException.class, () -> archive.invoices().search(Fixtures.ISSUER_A, from, to, null, "!!", 10));
        assertThrows(IllegalArgumentException.class, () -> archive.invoices().search(Fixtures.ISSUER_A, from, to, null, "A", 10));
        // a cursor is a position after the issuer's own prefix: another issuer's cursor (or any string that
        // decodes) can only move within this issuer's entries, never reach another's
        String foreign = archive.invoices().search(Fixtures.ISSUER_B, from, to, null, null, 1).nextCursor();
        for (String c : List.of(foreign, "AAAA", "_-_-")) {
            assertTrue(archive.invoices().search(Fixtures.ISSUER_A, from, to, null, c, 100).items().stream()
                    .allMatch(i -> i.issuer().equals(Fixtures.ISSUER_A)), c);
        }
        Map<InvoiceStatus, Long> counts = archive.invoices().countByStatus();
        assertEquals(49L, counts.get(InvoiceStatus.ISSUED));
        assertEquals(1L, counts.get(InvoiceStatus.DELIVERED));
    }

    @Test
    void outboxOrderAnchorStatesAndRemoval() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(put(Fixtures.invoice(Fixtures.ISSUER_A, i)).invoice().invoiceId());
        }
        List<OutboxEntry> first = archive.anchors().outbox(0, 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), first.stream().map(OutboxEntry::seq).toList());
        assertEquals(ids.subList(0, 4), first.stream().map(OutboxEntry::invoiceId).toList());
        assertEquals(List.of(5L, 6L), archive.anchors().outbox(4, 2).stream().map(OutboxEntry::seq).toList());

        List<String> batch = ids.subList(0, 4);
        archive.anchors().markSubmitted(batch, "tx1");
        assertEquals(AnchorState.Phase.SUBMITTED, archive.anchors().anchorState(ids.get(0)).phase());
        assertEquals(1, archive.anchors().anchorState(ids.get(0)).attempts());
        Instant committed = Instant.parse("2026-11-23T08:00:01Z");
        archive.anchors().acknowledge(batch, "tx1", 42, committed, first.stream().map(OutboxEntry::seq).toList());
        AnchorState a = archive.anchors().anchorState(ids.get(0));
        assertEquals(new AnchorState(AnchorState.Phase.ANCHORED, "tx1", 42, committed, 1, null, a.updatedAt()), a);
        archive.anchors().markFailed(List.of(ids.get(0)), "late failure");
        assertEquals(AnchorState.Phase.ANCHORED, archive.anchors().anchorState(ids.get(0)).phase(), "anchored never regresses");

        archive.anchors().markFailed(List.of(ids.get(5)), "CONFLICT: different content");
        assertEquals("CONFLICT: different content", archive.anchors().anchorState(ids.get(5)).lastError());
        assertEquals(AnchorState.Phase.FAILED, archive.anchors().anchorState(ids.get(5)).phase());

        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), archive.anchors().outbox(0, 100).stream().map(OutboxEntry::seq).toList());
        assertEquals(6, archive.anchors().outboxSize());
        archive.anchors().acknowledge(List.of(), "tx2", 43, committed, List.of(5L, 5L, 99L));
        assertEquals(5, archive.anchors().outboxSize());

        ArchivedInvoice changed = archive.invoices().updateStatus(ids.get(6), InvoiceStatus.DELIVERED, false, "node", "deliver",
                "{\"action\":\"DELIVER\"}");
        assertEquals(InvoiceStatus.DELIVERED, changed.status());
        OutboxEntry last = archive.anchors().outbox(10, 10).get(0);
        assertEquals(new OutboxEntry(11, ids.get(6), OutboxEntry.Kind.TRANSITION, "{\"action\":\"DELIVER\"}"), last);
        assertEquals(11, archive.anchors().lastOutboxSeq());
        assertThrows(UnknownInvoiceException.class, () -> archive.anchors().acknowledge(List.of("nope"), "tx", 1, committed,
                List.of()));

        // sequences continue after reopen
        archive.close();
        archive = Archive.open(ArchiveOptions.defaults(dir.resolve("db")));
        assertEquals(11, archive.anchors().lastOutboxSeq());
        assertEquals(6, archive.anchors().outboxSize());
        assertEquals(12, put(Fixtures.invoice(Fixtures.ISSUER_A, 100)).outboxSeq());
        long auditSeq = archive.auditLog().append("op", "NOTE", "archive", "after reopen");
        List<AuditEntry> audit = archive.auditLog().read(0, 1000);
        assertEquals(auditSeq, audit.get(audit.size() - 1).seq());
        assertEquals("after reopen", audit.get(audit.size() - 1).detail());
        for (int i = 0; i < audit.size(); i++) {
            assertEquals(i + 1, audit.get(i).seq());
        }
    }

    @Test
    void metaCheckpoints() {
        assertTrue(ArchiveTestHooks.meta(archive).getLong("sync.block").isEmpty());
        assertEquals(-1, ArchiveTestHooks.meta(archive).getLong("sync.block", -1));
        ArchiveTestHooks.meta(archive).putLong("sync.block", 1234);
        ArchiveTestHooks.meta(archive).putString("node.id", "node-1");
        assertEquals(1234, ArchiveTestHooks.meta(archive).getLong("sync.block").getAsLong());
        assertEquals("node-1", ArchiveTestHooks.meta(archive).getString("node.id").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> ArchiveTestHooks.meta(archive).putLong("archive.seq.outbox", 0));
        assertThrows(CorruptedRecordException.class, () -> ArchiveTestHooks.meta(archive).getLong("node.id"));
    }

    @Test
    void backupRestoreAndCheckpointKeepEverything() {
        List<ArchivedInvoice> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stored.add(put(Fixtures.invoice(Fixtures.ISSUER_A, i)).invoice());
        }
        ArchiveTestHooks.meta(archive).putLong("sync.block", 7);
        Path backups = dir.resolve("backups");
        BackupDescription b1 = archive.backups().backup(backups);
        put(Fixtures.invoice(Fixtures.ISSUER_A, 99)); // after the backup
        BackupDescription b2 = archive.backups().backup(backups);
        assertEquals(List.of(b1.backupId(), b2.backupId()),
                Backups.list(backups).stream().map(BackupDescription::backupId).toList());
        Path cp = dir.resolve("cp");
        ArchiveTestHooks.copyTo(archive, cp);
        assertThrows(ArchiveException.class, () -> ArchiveTestHooks.copyTo(archive, cp));

        Path restored = dir.resolve("restored");
        Backups.restore(backups, restored, b1.backupId());
        try (Archive r = Archive.open(ArchiveOptions.defaults(restored))) {
            for (ArchivedInvoice inv : stored) {
                assertEquals(inv, r.invoices().get(inv.invoiceId()).orElseThrow());
                assertArrayEquals(Fixtures.document(inv.invoiceId()), r.documents().document(inv.docHash()).orElseThrow());
            }
            assertTrue(r.invoices().get(Fixtures.ISSUER_A + Fixtures.number(99)).isEmpty());
            assertEquals(7, ArchiveTestHooks.meta(r).getLong("sync.block").getAsLong());
            assertEquals(archive.anchors().outbox(0, 20), r.anchors().outbox(0, 100));
            assertEquals(archive.auditLog().read(0, 20), r.auditLog().read(0, 100));
        }
        Path latest = dir.resolve("latest");
        Backups.restore(backups, latest);
        try (Archive r = Archive.open(ArchiveOptions.defaults(latest));
             Archive c = Archive.open(ArchiveOptions.defaults(cp))) {
            assertEquals(21L, r.invoices().countByStatus().get(InvoiceStatus.ISSUED));
            assertEquals(21L, c.invoices().countByStatus().get(InvoiceStatus.ISSUED));
            assertTrue(c.invoices().get(Fixtures.ISSUER_A + Fixtures.number(99)).isPresent());
        }
        assertThrows(ArchiveException.class, () -> Backups.restore(dir.resolve("none"), dir.resolve("x")));
    }

    @Test
    void concurrentPutsAreAllDurableAndIndexed() throws Exception {
        int threads = 8;
        int each = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<PutResult>>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1000;
                fs.add(pool.submit(() -> {
                    List<PutResult> out = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        // every thread also re-puts invoice 0 of thread 0: idempotent under contention,
                        // so exactly one of all those puts (whichever wins) creates it
                        out.add(put(Fixtures.invoice(Fixtures.ISSUER_A, base + i)));
                        out.add(put(Fixtures.invoice(Fixtures.ISSUER_A, 0)));
                    }
                    return out;
                }));
            }
            Set<Long> seqs = new HashSet<>();
            for (Future<List<PutResult>> f : fs) {
                for (PutResult r : f.get()) {
                    if (!r.existing()) {
                        assertTrue(seqs.add(r.outboxSeq()));
                    }
                }
            }
            assertEquals(threads * each, seqs.size());
        } finally {
            pool.shutdown();
        }
        int n = threads * each;
        archive.close();
        archive = Archive.open(ArchiveOptions.defaults(dir.resolve("db")));
        assertEquals((long) n, archive.invoices().countByStatus().get(InvoiceStatus.ISSUED));
        assertEquals(n, archive.anchors().outbox(0, 10_000).size());
        assertEquals(n, archive.anchors().lastOutboxSeq());
        SearchPage all = archive.invoices().search(Fixtures.ISSUER_A, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                InvoiceStatus.ISSUED, null, 10_000);
        assertEquals(n, all.items().size());
        for (ArchivedInvoice inv : all.items()) {
            assertArrayEquals(Fixtures.document(inv.invoiceId()), archive.documents().document(inv.docHash()).orElseThrow());
        }
        assertEquals(n, archive.auditLog().read(0, 10_000).size());
    }

    @Test
    void fullQueueFailsFastWithBackpressure() {
        archive.close();
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).maxPendingWrites(3).build());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = ArchiveTestHooks.blockWriter(archive, release);
        List<CompletableFuture<PutResult>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, i);
            accepted.add(archive.invoices().put(inv, Fixtures.document(inv.invoiceId())));
        }
        ArchivedInvoice extra = Fixtures.invoice(Fixtures.ISSUER_A, 3);
        BackpressureException e = assertThrows(BackpressureException.class,
                () -> archive.invoices().put(extra, Fixtures.document(extra.invoiceId())));
        assertTrue(e.getMessage().contains("retry"), e.getMessage());
        release.countDown();
        blocker.join();
        accepted.forEach(f -> assertFalse(f.join().existing()));
        assertFalse(put(extra).existing());
    }

    @Test
    void anchoringBacklogLimitRefusesNewInvoices() {
        archive.close();
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).maxOutboxBacklog(2).build());
        put(Fixtures.invoice(Fixtures.ISSUER_A, 1));
        put(Fixtures.invoice(Fixtures.ISSUER_A, 2));
        assertInstanceOf(BackpressureException.class, cause(() -> put(Fixtures.invoice(Fixtures.ISSUER_A, 3))));
        assertTrue(put(Fixtures.invoice(Fixtures.ISSUER_A, 1)).existing(), "idempotent re-put still answers");
        archive.anchors().acknowledge(List.of(), "tx", 1, Instant.EPOCH, List.of(1L));
        assertFalse(put(Fixtures.invoice(Fixtures.ISSUER_A, 3)).existing());
    }

    @Test
    void closedArchiveRefusesWork() throws Exception {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        CompletableFuture<PutResult> f = archive.invoices().put(inv, Fixtures.document(inv.invoiceId()));
        archive.close();
        assertFalse(f.join().existing(), "queued writes are drained at close");
        ArchiveException e = assertThrows(ArchiveException.class, () -> archive.invoices().put(inv, Fixtures.document(inv.invoiceId())));
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(ArchiveException.class, () -> archive.invoices().get(inv.invoiceId()));
        archive.close(); // idempotent
        assertTrue(Files.isDirectory(dir.resolve("db")));
    }
}
