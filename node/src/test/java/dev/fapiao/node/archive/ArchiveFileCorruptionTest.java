package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;

/**
 * Damaged RocksDB files of a closed archive (bytes flipped inside every SST and blob file):
 * after the reopen the damage is detected and reported as {@link CorruptedRecordException}
 * (or the open refuses), and no damaged document or record is ever served.
 */
class ArchiveFileCorruptionTest {

    @TempDir
    Path dir;

    @Test
    void flippedBytesInSstAndBlobFilesAreDetectedNeverServed() throws Exception {
        ArchiveOptions options = ArchiveOptions.builder(dir.resolve("db")).syncWrites(false).build();
        List<ArchivedInvoice> stored = new ArrayList<>();
        try (Archive archive = Archive.open(options)) {
            for (int n = 0; n < 400; n++) {
                byte[] doc = document(n); // every 4th one 64 KiB: a blob file; the rest in SST blocks
                ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, n, Instant.parse("2026-11-23T08:00:00Z"), doc);
                archive.invoices().put(inv, doc).join();
                stored.add(inv);
            }
            try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
                archive.db().read(() -> {
                    for (String cf : Cf.ALL) {
                        archive.db().rocks().flush(fo, archive.db().handle(cf));
                    }
                    return null;
                });
            }
        }
        int damaged = 0;
        try (Stream<Path> files = Files.list(options.path())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sst") || p.toString().endsWith(".blob")).toList()) {
                flipMiddle(f);
                damaged++;
            }
        }
        assertTrue(damaged >= 2, "expected SST and blob files, found " + damaged);

        Archive reopened;
        try {
            reopened = Archive.open(options);
        } catch (ArchiveException refused) {
            assertTrue(refused.getMessage().toLowerCase().contains("corrupt"), refused.getMessage());
            return; // detected at start: nothing served
        }
        int detected = 0;
        try (Archive archive = reopened) {
            for (ArchivedInvoice inv : stored) {
                try {
                    Optional<ArchivedInvoice> rec = archive.invoices().get(inv.invoiceId());
                    if (rec.isEmpty()) {
                        continue; // an index block lost to the damage hides the key; nothing wrong is served
                    }
                    assertTrue(rec.get().docHash().equals(inv.docHash()), "served a damaged record");
                    Optional<byte[]> doc = archive.documents().document(inv.docHash());
                    doc.ifPresent(d -> assertArrayEquals(document(Integer.parseInt(inv.number())), d,
                            "served a damaged document"));
                } catch (CorruptedRecordException e) {
                    detected++;
                }
            }
        }
        assertTrue(detected > 0, "no damage detected in " + stored.size() + " reads of " + damaged + " damaged files");
    }

    private static byte[] document(int n) {
        byte[] d = new byte[n % 4 == 0 ? 64 * 1024 : 2048]; // below ArchiveDb.MIN_BLOB_BYTES
        new Random(n).nextBytes(d);
        return d;
    }

    private static void flipMiddle(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long len = f.length();
            for (long at = len / 4; at < len * 3 / 4; at += Math.max(1, len / 16)) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x5a);
            }
        }
    }
}
