package dev.fapiao.node.invoice;

import static dev.fapiao.node.invoice.InvoiceTestSupport.d;
import static dev.fapiao.node.invoice.InvoiceTestSupport.resource;
import static dev.fapiao.node.invoice.InvoiceTestSupport.sample;
import static dev.fapiao.node.invoice.InvoiceTestSupport.sharedTestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static Path jcs() {
        Path dir = sharedTestData().resolve("jcs");
        assertTrue(Files.isDirectory(dir.resolve("input")), "missing " + dir.resolve("input"));
        return dir;
    }

    @Test
    void everyRfc8785VectorCanonicalizesToTheExactBytes() throws IOException {
        Path dir = jcs();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir.resolve("input"))) {
            inputs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(6, inputs.size(), "expected the six RFC 8785 vectors, found " + inputs);
        for (Path input : inputs) {
            String name = input.getFileName().toString();
            byte[] expected = Files.readAllBytes(dir.resolve("output").resolve(name));
            byte[] actual = CanonicalJson.canonicalize(Files.readAllBytes(input));
            assertArrayEquals(expected, actual, name + ": got " + new String(actual, StandardCharsets.UTF_8));
            // outhex is the same expectation written as hex; check the two copies agree
            String hex = Files.readString(dir.resolve("outhex").resolve(name.replace(".json", ".txt"))).trim();
            assertArrayEquals(HexFormat.ofDelimiter(" ").parseHex(hex.replaceAll("\\s+", " ")), actual, name + " (outhex)");
        }
    }

    @Test
    void es6NumberVectors() throws IOException {
        List<String> lines = Files.readAllLines(jcs().resolve("numbers/es6testfile-first10000.txt"));
        assertEquals(10_000, lines.size());
        for (String line : lines) {
            int comma = line.indexOf(',');
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, comma), 16));
            String expected = line.substring(comma + 1);
            // Double.toString round-trips exactly, so the canonicalizer sees the same double
            byte[] out = CanonicalJson.canonicalize("[" + Double.toString(v) + "]");
            assertEquals("[" + expected + "]", new String(out, StandardCharsets.US_ASCII), line);
        }
    }

    @Test
    void rejectsWhatJcsCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("[1e400]"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("[1,]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"realistic", "normal-3-lines"})
    void sampleMetadataBytesArePinned(String name) {
        byte[] expected = resource(name + ".canonical.json");
        assertArrayEquals(expected, CanonicalJson.of(sample(name + ".json")),
                () -> new String(CanonicalJson.of(sample(name + ".json")), StandardCharsets.UTF_8));
    }

    @Test
    void metaHashOfTheDocumentedSample() {
        // the value quoted in docs/invoice-model.md; `openssl dgst -sm3` gives the same
        assertEquals("2008c6811656f8e8b35efa714a70e7861c46620ab631d3cfc1c2ad61a33c78c7",
                sm3Hex(CanonicalJson.of(sample("realistic.json"))));
    }

    @Test
    void shapeOfTheMetadata() {
        String json = new String(CanonicalJson.of(sample("special-vat.json")), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"buyer\":{\"creditCode\":\"91330106MA2CFW4T61\",\"name\":\"杭州西溪供应链管理有限公司\"},"
                + "\"currency\":\"CNY\",\"issueTime\":\"2025-06-03T09:15:42.125Z\",\"lines\":[{\"amount\":\"1650.00\","), json);
        // numbers in the input become strings; money always with two decimals, factors in shortest form
        assertTrue(json.contains("\"quantity\":\"20000\""), json);
        assertTrue(json.contains("\"unitPrice\":\"0.0825\""), json);
        assertTrue(json.contains("\"taxRate\":\"0.09\",\"unit\":") || json.contains("\"taxRate\":\"0.09\"}"), json);
        assertTrue(json.endsWith("\"totalAmount\":\"1970.00\",\"totalTax\":\"243.30\",\"totalWithTax\":\"2213.30\",\"type\":\"SPECIAL_VAT\"}"), json);
        assertFalse(json.contains("reverses"), "absent optionals are omitted");
    }

    @Test
    void redLetterMetadataCarriesReversesAndNegativeAmounts() {
        String json = new String(CanonicalJson.of(sample("red-letter.json")), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"reverses\":\"91310115MA1FL8Q2XH25312000000012345678\""), json);
        assertTrue(json.contains("\"amount\":\"-1990.00\""), json);
        assertTrue(json.contains("\"quantity\":\"-10\""), json);
        assertTrue(json.contains("\"totalWithTax\":\"-7977.70\""), json);
    }

    @Test
    void sameInvoiceSameBytes() {
        Invoice a = sample("normal-3-lines.json");
        Invoice b = sample("normal-3-lines.json");
        assertArrayEquals(CanonicalJson.of(a), CanonicalJson.of(b));
        assertArrayEquals(CanonicalJson.of(a), CanonicalJson.of(a));
    }

    @Test
    void bytesIndependentOfHowTheInvoiceWasWritten() {
        Invoice original = sample("normal-3-lines.json");
        // keys reversed, numbers instead of strings, other scales, CST offset, whitespace gone
        String rewritten = "{\"totalWithTax\":7977.7,\"totalTax\":608.050,\"totalAmount\":\"7369.65\",\"lines\":["
                + "{\"tax\":258.7,\"taxRate\":0.130,\"amount\":1990,\"unitPrice\":199,\"unit\":\"个\",\"quantity\":10.0,"
                + "\"taxCode\":\"1090511030000000000\",\"name\":\"*计算机外部设备*无线键盘\"},"
                + "{\"tax\":\"300\",\"taxRate\":\"0.06\",\"amount\":\"5000\",\"taxCode\":\"3040201000000000000\",\"name\":\"*信息技术服务*软件维护服务\"},"
                + "{\"tax\":\"49.35\",\"taxRate\":\"0.13\",\"amount\":\"379.65\",\"unitPrice\":\"126.550\",\"unit\":\"箱\",\"quantity\":\"3\","
                + "\"taxCode\":\"1070305010000000000\",\"name\":\"*纸制品*打印纸\"}],"
                + "\"buyer\":{\"creditCode\":\"91110108MA01KP7R31\",\"name\":\"北京海淀云图信息技术有限公司\"},"
                + "\"seller\":{\"creditCode\":\"91310115MA1FL8Q2XH\",\"name\":\"\\u4e0a海浦江数码科技有限公司\"},"
                + "\"type\":\"NORMAL\",\"issueTime\":\"2025-03-14T10:30:00.000+08:00\",\"number\":\"25312000000012345678\","
                + "\"remarks\":\"\",\"schema\":\"fapiao-invoice-meta/1\"}";
        assertArrayEquals(CanonicalJson.of(original), CanonicalJson.of(InvoiceJson.parse(rewritten)));
        // currency absent means CNY
        assertArrayEquals(CanonicalJson.of(original), CanonicalJson.of(InvoiceJson.parse(rewritten.replace("\"CNY\"", "null"))));
    }

    @Test
    void lineOrderMatters() {
        InvoiceDraft d = InvoiceDraft.of(sample("normal-3-lines.json"));
        byte[] before = CanonicalJson.of(d.build());
        Collections.reverse(d.lines);
        assertFalse(java.util.Arrays.equals(before, CanonicalJson.of(d.build())));
    }

    @Test
    void canonicalMetadataParsesBackToTheSameBytes() {
        for (String name : List.of("normal-3-lines", "special-vat", "red-letter", "realistic")) {
            byte[] bytes = CanonicalJson.of(sample(name + ".json"));
            Invoice back = InvoiceJson.parse(bytes);
            assertEquals(List.of(), InvoiceTestSupport.VALIDATOR.validate(back), name);
            assertArrayEquals(bytes, CanonicalJson.of(back), name);
        }
    }

    @Test
    void escapesControlCharactersPerRfc8785() {
        InvoiceDraft d = InvoiceDraft.of(sample("normal-3-lines.json"));
        d.remarks = "第一行\n第二行\t\"引号\" \\ / \u0001";
        String json = new String(CanonicalJson.of(d.build()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"remarks\":\"第一行\\n第二行\\t\\\"引号\\\" \\\\ / \\u0001\""), json);
    }

    @Test
    void refusesWhatItCannotRepresent() {
        InvoiceDraft d = InvoiceDraft.of(sample("normal-3-lines.json"));
        d.totalTax = d("608.051");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(d.build()));
        d.totalTax = new BigDecimal("1E+999999999");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(d.build()));
        d.totalTax = d("608.05");
        d.issueTime = Instant.parse("2025-03-14T02:30:00.000001Z");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(d.build()));
        d.issueTime = Instant.parse("2025-03-14T02:30:00Z");
        d.remarks = "\uDC00";
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(d.build()));
        d.remarks = null;
        d.lines = new ArrayList<>(d.lines);
        d.lines.set(0, null);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of(d.build()));
    }

    static String sm3Hex(byte[] data) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(data, 0, data.length);
        byte[] out = new byte[32];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
