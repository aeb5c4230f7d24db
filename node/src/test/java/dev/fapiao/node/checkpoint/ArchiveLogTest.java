package dev.fapiao.node.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.MerkleTree;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveLogTest {
    @TempDir
    Path dir;

    static byte[] leaf(ArchivedInvoice a) {
        return InvoiceLeaf.encode(a.invoiceId(), HexFormat.of().parseHex(a.docHash()),
                HexFormat.of().parseHex(a.metaHash()), a.retainUntil());
    }

    /** The expected root: the RFC definition over the invoices' leaves in the given order. */
    static byte[] expectedRoot(List<Long> order) {
        List<byte[]> leaves = new ArrayList<>();
        order.forEach(n -> leaves.add(leaf(TestArchives.invoice(n))));
        return MerkleTree.rootHash(Sm3Hasher.INSTANCE, MerkleTree.leafHashes(Sm3Hasher.INSTANCE, leaves));
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long n = from; n < to; n++) {
            out.add(n);
        }
        return out;
    }

    @Test
    void oneLeafPerNewlyArchivedInvoiceInArchiveOrder() throws Exception {
        try (Archive archive = TestArchives.open(dir.resolve("archive"));
             ArchiveLog log = ArchiveLog.open(dir.resolve("merkle"), archive.feed())) {
            assertEquals(0, log.catchUp());
            assertArrayEquals(Sm3Hasher.INSTANCE.emptyRoot(), log.root());
            TestArchives.put(archive, 0, 5);
            // noise: other audit entries, a status change, an identical re-put (no new audit entry)
            archive.auditLog().append("op", "NOTE", "x", "y");
            archive.invoices().updateStatus(TestArchives.id(1), InvoiceStatus.DELIVERED, false, "op", "delivered", null);
            archive.invoices().put(TestArchives.invoice(3), TestArchives.document(3)).join();
            assertEquals(5, log.catchUp());
            assertEquals(5, log.size());
            assertArrayEquals(expectedRoot(range(0, 5)), log.root());
            assertEquals(archive.auditLog().read(0, Integer.MAX_VALUE).get(archive.auditLog().read(0, Integer.MAX_VALUE).size() - 1).seq(),
                    log.cursor());
            for (long n = 0; n < 5; n++) {
                assertEquals(n, log.leafIndex(TestArchives.id(n)).getAsLong());
                assertEquals(TestArchives.id(n), log.invoiceAt(n).orElseThrow());
                ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, n, 5,
                        Sm3Hasher.INSTANCE.hashLeaf(leaf(TestArchives.invoice(n))), log.inclusionProof(n, 5), log.root());
            }
            assertTrue(log.leafIndex(TestArchives.id(99)).isEmpty());
            TestArchives.put(archive, 5, 8);
            assertEquals(3, log.catchUp());
            assertArrayEquals(expectedRoot(range(0, 8)), log.root());
            ProofVerifier.verifyConsistency(Sm3Hasher.INSTANCE, 5, 8, log.consistencyProof(5, 8), log.root(5),
                    log.root());
            assertEquals(0, log.catchUp());
        }
    }

    @Test
    void cursorIsDurableWithTheLeaves() throws Exception {
        Path a = dir.resolve("archive");
        Path m = dir.resolve("merkle");
        long cursor;
        try (Archive archive = TestArchives.open(a); ArchiveLog log = ArchiveLog.open(m, archive.feed())) {
            TestArchives.put(archive, 0, 4);
            log.catchUp();
            archive.auditLog().append("op", "NOTE", "after", null);
            log.catchUp(); // advances the cursor without leaves
            cursor = log.cursor();
        }
        try (Archive archive = TestArchives.open(a); ArchiveLog log = ArchiveLog.open(m, archive.feed())) {
            assertEquals(4, log.size());
            assertEquals(cursor, log.cursor());
            assertEquals(0, log.catchUp(), "nothing appended twice after a restart");
            TestArchives.put(archive, 4, 6);
        }
        // the log was closed before it saw invoices 4 and 5: a later start picks them up
        try (Archive archive = TestArchives.open(a); ArchiveLog log = ArchiveLog.open(m, archive.feed())) {
            assertEquals(2, log.catchUp());
            assertArrayEquals(expectedRoot(range(0, 6)), log.root());
            assertEquals(5, log.leafIndex(TestArchives.id(5)).getAsLong());
        }
    }

    @Test
    void manyPagesAndConcurrentPutsKeepArchiveOrder() throws Exception {
        try (Archive archive = TestArchives.open(dir.resolve("archive"));
             ArchiveLog log = ArchiveLog.open(dir.resolve("merkle"), archive.feed())) {
            List<CompletableFuture<?>> puts = new ArrayList<>();
            for (long n = 0; n < 2_300; n++) {
                puts.add(archive.invoices().put(TestArchives.invoice(n), TestArchives.document(n)));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
            assertEquals(2_300, log.catchUp());
            // archive order = audit order (the writer's order), whatever the submission order was
            List<Long> order = new ArrayList<>();
            archive.auditLog().read(0, Integer.MAX_VALUE).stream().filter(e -> e.action().equals("PUT"))
                    .forEach(e -> order.add(Long.parseLong(e.target().substring(18))));
            assertArrayEquals(expectedRoot(order), log.root());
        }
    }

    @Test
    void forgedOrRepeatedPutEntriesAddNoLeaf() throws Exception {
        try (Archive archive = TestArchives.open(dir.resolve("archive"));
             ArchiveLog log = ArchiveLog.open(dir.resolve("merkle"), archive.feed())) {
            TestArchives.put(archive, 0, 2);
            archive.auditLog().append("someone", "PUT", TestArchives.id(0), "docHash=" + TestArchives.invoice(0).docHash());
            archive.auditLog().append("someone", "PUT", TestArchives.id(7), "docHash=00");
            archive.auditLog().append("someone", "PUT", null, null);
            TestArchives.put(archive, 2, 3);
            assertEquals(3, log.catchUp());
            assertArrayEquals(expectedRoot(range(0, 3)), log.root());
        }
    }

    @Test
    void anchoredCheckpointsRecorded() throws Exception {
        Path a = dir.resolve("archive");
        Path m = dir.resolve("merkle");
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        try (Archive archive = TestArchives.open(a); ArchiveLog log = ArchiveLog.open(m, archive.feed())) {
            assertTrue(log.lastAnchored().isEmpty());
            log.recordAnchored(new AnchoredCheckpoint(300, "ab".repeat(32), "tx2", 12, t));
            log.recordAnchored(new AnchoredCheckpoint(5, "cd".repeat(32), "tx1", 9, t));
        }
        try (Archive archive = TestArchives.open(a); ArchiveLog log = ArchiveLog.open(m, archive.feed())) {
            assertEquals(List.of(new AnchoredCheckpoint(5, "cd".repeat(32), "tx1", 9, t),
                    new AnchoredCheckpoint(300, "ab".repeat(32), "tx2", 12, t)), log.anchored());
            assertEquals(300, log.lastAnchored().orElseThrow().treeSize());
            assertEquals(0, log.size());
        }
    }
}
