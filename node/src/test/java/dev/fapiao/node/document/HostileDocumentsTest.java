package dev.fapiao.node.document;

import dev.fapiao.node.document.readers.DocumentReaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.document.DocumentException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML bombs, XXE and ZIP bombs are refused quickly and without inflating them. Bounds are generous (the
 * point is "refused, not expanded"): a bomb that were expanded would take minutes and gigabytes.
 */
class HostileDocumentsTest {
    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final long SMALL_ALLOCATION = 256L << 20;
    private final DocumentReaders readers = DocumentReaders.create();

    @Test
    void aBillionLaughsDocumentIsRefusedAtItsDtd() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n<!ENTITY lol \"lol\">\n");
        x.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            x.append("<!ENTITY lol").append(i).append(" \"");
            x.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        x.append("]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&lol9;</Invoice>");
        DocumentException e = refusedQuickly(TestSeals.utf8(x.toString()));
        assertEquals(Reason.DTD_REFUSED, e.reason(), e.getMessage());
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><ID>&x;</ID></Invoice>";
        DocumentException e = refusedQuickly(TestSeals.utf8(xxe));
        assertEquals(Reason.DTD_REFUSED, e.reason());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void aDtdInsideAnOfdPartIsRefusedToo() {
        Map<String, byte[]> parts = TestSeals.parts();
        parts.put("OFD.xml", TestSeals.utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>"));
        assertEquals(Reason.DTD_REFUSED, refusedQuickly(TestSeals.zip(parts)).reason());
    }

    @Test
    void deeplyNestedXmlIsRefused() {
        String deep = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">"
                + "<a>".repeat(5_000) + "</a>".repeat(5_000) + "</Invoice>";
        DocumentException e = refusedQuickly(TestSeals.utf8(deep));
        assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("nested deeper than 100"), e.getMessage());
    }

    @Test
    void aZipBombIsRefusedByItsCompressionRatio() throws IOException {
        // 60 MiB of zeros deflates to about 60 KiB: ratio ~1000, far above the limit of 200, and the
        // refusal comes after ~12 MiB inflated, below the 64 MiB entry limit
        byte[] bomb = zipOfZeros("Doc_0/Document.xml", 60L << 20);
        assertTrue(bomb.length < 128 << 10, "bomb is small: " + bomb.length);
        DocumentException e = refusedQuickly(bomb);
        assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("compression ratio above 200"), e.getMessage());
    }

    @Test
    void anEntryLargerThanTheLimitIsRefused() throws IOException {
        DocumentLimits small = new DocumentLimits(64L << 20, 100, 1 << 20, 256L << 20, 100_000, 100, 1000);
        byte[] big = zipOfZeros("OFD.xml", 8L << 20);
        DocumentException e = assertThrows(DocumentException.class,
                () -> DocumentReaders.create(small, TrustedSeals.none()).check(big));
        assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("OFD.xml: inflates beyond 1048576 bytes"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefused() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 2_001; i++) {
            many.put("Doc_0/Res/r" + i + ".png", new byte[] {1});
        }
        DocumentException e = refusedQuickly(TestSeals.zip(many));
        assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("more than 2000 entries"), e.getMessage());
    }

    @Test
    void entryNamesThatEscapeTheContainerAreRefused() {
        for (String name : new String[] {"../evil.xml", "/etc/passwd", "Doc_0/../../x", "C:/x.xml", "Doc_0\\x.xml"}) {
            Map<String, byte[]> parts = TestSeals.parts();
            parts.put(name, new byte[] {1});
            DocumentException e = refusedQuickly(TestSeals.zip(parts));
            assertEquals(Reason.PATH_REFUSED, e.reason(), name);
        }
    }

    @Test
    void unusableInputIsNamed() {
        assertEquals(Reason.MALFORMED, assertThrows(DocumentException.class, () -> readers.check(new byte[0])).reason());
        assertEquals(Reason.UNSUPPORTED_FORMAT, assertThrows(DocumentException.class,
                () -> readers.check(TestSeals.utf8("just text"))).reason());
        assertEquals(Reason.UNSUPPORTED_FORMAT, assertThrows(DocumentException.class,
                () -> readers.check(TestSeals.utf8("<html><body/></html>"))).reason());
        assertEquals(Reason.MALFORMED, assertThrows(DocumentException.class,
                () -> readers.check(TestSeals.utf8("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                        + "Invoice-2\"><ID>1</Invoice>"))).reason());
        assertEquals(Reason.UNSUPPORTED_FORMAT, assertThrows(DocumentException.class,
                () -> readers.check(TestSeals.zip(Map.of("a.txt", new byte[] {1})))).reason());
        assertEquals(Reason.CONTENT_TYPE_MISMATCH, assertThrows(DocumentException.class,
                () -> readers.check(TestSeals.sealedOfd(TestSeals.parts(), TestSeals.authority("x"),
                        java.time.Instant.now()), "application/pdf")).reason());
    }

    private DocumentException refusedQuickly(byte[] doc) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long allocated = threads.getThreadAllocatedBytes(tid);
        long start = System.nanoTime();
        DocumentException e = assertThrows(DocumentException.class, () -> readers.check(doc));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long used = threads.getThreadAllocatedBytes(tid) - allocated;
        assertTrue(took.compareTo(QUICK) < 0, "refused in " + took);
        assertTrue(used < SMALL_ALLOCATION, "allocated " + used + " bytes while refusing");
        return e;
    }

    private static byte[] zipOfZeros(String name, long size) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry("OFD.xml".equals(name) ? name : "OFD.xml"));
            if (!"OFD.xml".equals(name)) {
                z.write(TestSeals.utf8("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"));
                z.closeEntry();
                z.putNextEntry(new ZipEntry(name));
            }
            byte[] zeros = new byte[1 << 20];
            for (long w = 0; w < size; w += zeros.length) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        return b.toByteArray();
    }
}
