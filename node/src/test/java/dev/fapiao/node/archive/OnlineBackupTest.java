package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.runtime.NodeBackup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online backup of a running node ({@link NodeBackup}, behind {@code POST /v1/admin/backups}):
 * taken while invoices keep arriving and the Merkle log keeps following, restored into a fresh
 * node directory, the restored node has every invoice acknowledged before the backup, the same
 * documents, and a Merkle log that is a prefix of the restored archive, catches up from it and
 * proves the same invoices (same leaves, same root at the same size as the original).
 */
class OnlineBackupTest {

    @TempDir
    Path dir;

    @Test
    void backupUnderLoadRestoresIntoANodeThatServesAndProvesTheSameInvoices() throws Exception {
        Path live = dir.resolve("live");
        List<ArchivedInvoice> acked = new CopyOnWriteArrayList<>();
        NodeBackup backup;
        List<ArchivedInvoice> ackedBeforeBackup;
        long liveSizeAtEnd;
        byte[] liveRootAtBackupSize;
        try (Archive archive = Archive.open(ArchiveOptions.builder(live.resolve("archive")).syncWrites(false).build());
             ArchiveLog log = ArchiveLog.open(live.resolve("merkle"), archive.feed())) {
            for (int n = 0; n < 200; n++) {
                acked.add(put(archive, n));
            }
            log.catchUp();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int n = 200; !stop.get() && n < 5000; n++) {
                    acked.add(put(archive, n));
                    if (n % 20 == 0) {
                        log.catchUp();
                    }
                }
            });
            while (acked.size() < 400) {
                Thread.sleep(5);
            }
            ackedBeforeBackup = new ArrayList<>(acked);
            backup = NodeBackup.take(archive, log, live.resolve("backups"));
            stop.set(true);
            writer.join();
            log.catchUp();
            liveSizeAtEnd = log.size();
            liveRootAtBackupSize = log.root(backup.merkleLeaves());
        }
        assertTrue(backup.merkleLeaves() >= 200, "log backup has " + backup.merkleLeaves() + " leaves");
        assertTrue(liveSizeAtEnd > backup.merkleLeaves(), "writes went on during the backup");

        Path fresh = dir.resolve("fresh");
        NodeBackup.restore(live.resolve("backups"), fresh.resolve("archive"), fresh.resolve("merkle"));
        try (Archive archive = Archive.open(ArchiveOptions.defaults(fresh.resolve("archive")));
             ArchiveLog log = ArchiveLog.open(fresh.resolve("merkle"), archive.feed())) {
            assertEquals(backup.merkleLeaves(), log.size(), "restored log is the backed-up log");
            assertArrayEquals(liveRootAtBackupSize, log.root(), "same root as the live log at that size");
            log.catchUp();
            assertEquals(List.of(), log.verifyAgainstArchive(10));
            for (ArchivedInvoice inv : ackedBeforeBackup) {
                ArchivedInvoice got = archive.invoices().get(inv.invoiceId()).orElseThrow(
                        () -> new AssertionError(inv.invoiceId() + " acknowledged before the backup is missing"));
                assertEquals(inv.docHash(), got.docHash());
                assertArrayEquals(Fixtures.document(inv.invoiceId()),
                        archive.documents().document(inv.docHash()).orElseThrow());
                long index = log.leafIndex(inv.invoiceId()).orElseThrow();
                byte[] leaf = Sm3Hasher.INSTANCE.hashLeaf(InvoiceLeaf.encode(inv.invoiceId(),
                        HexFormat.of().parseHex(inv.docHash()), HexFormat.of().parseHex(inv.metaHash()),
                        inv.retainUntil()));
                ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, index, log.size(), leaf,
                        log.inclusionProof(index, log.size()), log.root()); // throws when it does not prove
            }
        }
    }

    private static ArchivedInvoice put(Archive archive, long n) {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n);
        archive.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
        return inv;
    }
}
