package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.ArchivedInvoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob GC is off in normal operation (documents are written once), so a disposed document's bytes
 * stay in their blob file until {@link Archive#reclaimDeletedDocuments} compacts them away.
 * Uncompressed, so the bytes can be searched for in the files.
 */
class DocumentSpaceReclaimTest {

    @TempDir
    Path dir;

    private Archive open() {
        return Archive.open(ArchiveOptions.builder(dir.resolve("db")).documentCompression(ArchiveOptions.Compression.NONE)
                .clock(Clock.fixed(ArchiveDisposalTest.FIRST_CST_MOMENT_AFTER, ZoneOffset.UTC)).build());
    }

    private static byte[] document(String marker) {
        return ("<Invoice><Body>" + marker.repeat(1_000) + "</Body></Invoice>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDisposedDocumentLeavesTheDiskAtTheNextReclaimAndAKeptOneStays() {
        try (Archive archive = open()) {
            assertEquals(0, archive.reclaimDeletedDocuments(), "nothing deleted: nothing runs");
            byte[] gone = document("GONE-7f3a");
            byte[] kept = document("KEPT-91bc");
            ArchivedInvoice a = Fixtures.invoice(Fixtures.ISSUER_A, 1, Instant.parse("2026-11-23T08:00:00Z"), gone);
            ArchivedInvoice b = Fixtures.invoice(Fixtures.ISSUER_A, 2, Instant.parse("2026-11-23T08:00:00Z"), kept);
            archive.invoices().put(a, gone).join();
            archive.invoices().put(b, kept).join();
            ArchiveTestHooks.flush(archive);
            assertTrue(onDisk("GONE-7f3a"), "stored in a blob file");

            assertTrue(archive.documents().contains(a.docHash()));
            archive.invoices().dispose(a.invoiceId(), "alice", "retention over");
            assertTrue(archive.documents().document(a.docHash()).isEmpty(), "no longer served");
            assertFalse(archive.documents().contains(a.docHash()), "its last reference went with the disposal");
            assertTrue(archive.documents().contains(b.docHash()));
            assertFalse(archive.documents().contains("ab".repeat(32)), "never archived");
            ArchiveTestHooks.flush(archive);
            assertTrue(onDisk("GONE-7f3a"), "a deletion drops the key, not yet the blob");

            assertEquals(1, archive.reclaimDeletedDocuments());
            assertFalse(onDisk("GONE-7f3a"), "the disposed document's bytes left the disk");
            assertTrue(onDisk("KEPT-91bc"), "the live document is still there");
            assertEquals(new String(kept, StandardCharsets.UTF_8),
                    new String(archive.documents().document(b.docHash()).orElseThrow(), StandardCharsets.UTF_8));
            assertEquals(0, archive.reclaimDeletedDocuments(), "done: the counter went back to 0");
        }
    }

    /** Whether any file of the database (WAL excluded: it is recycled, not compacted) holds {@code marker}. */
    private boolean onDisk(String marker) {
        byte[] needle = marker.repeat(4).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            return files.filter(p -> p.toString().endsWith(".blob") || p.toString().endsWith(".sst"))
                    .anyMatch(p -> ArchiveTestHooks.contains(read(p), needle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
