package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.StorageFullException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive and its Merkle log on a small filesystem (a tmpfs this test mounts; it needs root
 * and fails, never skips, when it cannot mount) that fills up: puts are refused with
 * {@link StorageFullException}, nothing of a refused put is stored, acknowledged invoices stay
 * intact, and once space returns the same open archive accepts invoices again and the Merkle
 * log catches up, consistent with the archive, also after a reopen.
 */
class ArchiveFullDiskTest {

    private static final long RESERVE = 8L << 20;

    @TempDir
    Path tmp;

    Path mount;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectories(tmp.resolve("small-fs"));
        run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", mount.toString());
    }

    @Test
    void aFullFilesystemRefusesPutsWritesNothingAndRecoversWithoutRestart() throws Exception {
        ArchiveOptions options = ArchiveOptions.builder(mount.resolve("archive")).minFreeBytes(RESERVE)
                .memoryBudgetBytes(16L << 20).build();
        Path merkleDir = mount.resolve("merkle");
        List<ArchivedInvoice> acked = new ArrayList<>();
        Path filler = mount.resolve("filler");
        long n = 0;
        try (Archive archive = Archive.open(options); ArchiveLog log = ArchiveLog.open(merkleDir, archive.feed(), 4L << 20)) {
            // leave ~20 MiB: the rest is taken by another file, as when logs or another process fill a disk
            fill(filler, Files.getFileStore(mount).getUsableSpace() - (20L << 20));
            StorageFullException refused = null;
            ArchivedInvoice refusedInvoice = null;
            while (refused == null && n < 1000) {
                byte[] doc = randomDocument(n);
                ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n++, Instant.parse("2026-11-23T08:00:00Z"), doc);
                try {
                    archive.invoices().put(inv, doc).join();
                    acked.add(inv);
                    log.catchUp();
                } catch (CompletionException e) {
                    refused = assertInstanceOf(StorageFullException.class, e.getCause(), "cause " + e.getCause());
                    refusedInvoice = inv;
                }
            }
            assertNotNull(refused, "no put was refused after " + n + " puts");
            assertTrue(acked.size() > 10, "only " + acked.size() + " puts before the disk was full");
            assertTrue(archive.invoices().get(refusedInvoice.invoiceId()).isEmpty(), "refused put left a record");
            assertTrue(archive.documents().document(refusedInvoice.docHash()).isEmpty(), "refused put left a document");
            // still refused while full: the node does not accept what it cannot keep. RocksDB may free
            // a little space in the background after the refusal (a flush drops a WAL), so take it again
            topUp(filler, mount, RESERVE / 2);
            byte[] doc = randomDocument(n);
            ArchivedInvoice again = Fixtures.invoice(Fixtures.ISSUER_A, n++, Instant.parse("2026-11-23T08:00:00Z"), doc);
            CompletionException e2 = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> archive.invoices().put(again, doc).join());
            assertInstanceOf(StorageFullException.class, e2.getCause());
            assertIntact(archive, acked);

            // space returns: the same open archive and log go on, no restart
            Files.delete(filler);
            for (int i = 0; i < 5; i++) {
                byte[] d = randomDocument(n);
                ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n++, Instant.parse("2026-11-23T08:00:00Z"), d);
                archive.invoices().put(inv, d).join();
                acked.add(inv);
            }
            log.catchUp();
            assertEquals(acked.size(), log.size());
            assertEquals(List.of(), log.verifyAgainstArchive(10));
            assertIntact(archive, acked);
        }
        // and after a reopen: nothing half-written, archive and log agree
        try (Archive archive = Archive.open(options); ArchiveLog log = ArchiveLog.open(merkleDir, archive.feed(), 4L << 20)) {
            assertIntact(archive, acked);
            assertEquals(0, log.catchUp());
            assertEquals(List.of(), log.verifyAgainstArchive(10));
        }
    }

    private static void assertIntact(Archive archive, List<ArchivedInvoice> acked) {
        for (ArchivedInvoice inv : acked) {
            ArchivedInvoice stored = archive.invoices().get(inv.invoiceId()).orElseThrow(
                    () -> new AssertionError("acknowledged invoice " + inv.invoiceId() + " missing"));
            assertEquals(inv.docHash(), stored.docHash());
            byte[] doc = archive.documents().document(inv.docHash()).orElseThrow();
            assertArrayEquals(randomDocument(Long.parseLong(inv.number())), doc);
        }
    }

    /** 512 KiB of incompressible bytes, reproducible from {@code n}. */
    static byte[] randomDocument(long n) {
        byte[] d = new byte[512 * 1024];
        new Random(n).nextBytes(d);
        return d;
    }

    /** Appends to {@code file} until less than {@code free} bytes are usable (or the filesystem is full). */
    private static void topUp(Path file, Path mount, long free) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            while (Files.getFileStore(mount).getUsableSpace() >= free) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // no space left: as full as it gets
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (this test needs root to mount a small tmpfs; it does not skip): "
                    + output.strip());
        }
    }
}
