package dev.fapiao.node.checkpoint;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Archives and invoices for the checkpoint tests. */
final class TestArchives {
    static final String ISSUER = "91350100M000100Y43";
    static final SealRef SEAL = new SealRef("ab".repeat(32), "MEUCIQ==", 1);

    private TestArchives() {
    }

    static Archive open(Path dir) {
        return Archive.open(ArchiveOptions.builder(dir).syncWrites(false).build());
    }

    static String id(long n) {
        return ISSUER + String.format("%020d", n);
    }

    static byte[] document(long n) {
        return ("<Invoice n=\"" + n + "\"/>").getBytes(StandardCharsets.UTF_8);
    }

    static ArchivedInvoice invoice(long n) {
        Instant issue = Instant.parse("2026-11-23T08:00:00Z");
        byte[] doc = document(n);
        String meta = "{\"n\":" + n + "}";
        return new ArchivedInvoice(id(n), ISSUER, String.format("%020d", n), issue,
                LocalDate.ofInstant(issue, ZoneOffset.ofHours(8)), Sm3.hashHex(doc),
                Sm3.hashHex(meta.getBytes(StandardCharsets.UTF_8)), LocalDate.of(2041, 11, 23).plusDays(n % 7),
                "application/xml", doc.length, meta, SEAL, null, InvoiceStatus.ISSUED, false, null, null, null);
    }

    /** Puts invoices {@code from .. to-1} and waits for them. */
    static void put(Archive archive, long from, long to) {
        for (long n = from; n < to; n++) {
            archive.invoices().put(invoice(n), document(n)).join();
        }
    }
}
