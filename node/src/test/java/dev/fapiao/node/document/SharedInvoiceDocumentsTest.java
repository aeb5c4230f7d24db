package dev.fapiao.node.document;

import dev.fapiao.node.document.readers.DocumentReaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.invoice.InvoiceTestSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every one of the 21 real documents in {@code shared/testdata/invoices}. Expected values were read from
 * the files by hand and with an independent XPath script (BT-1, BT-2, BT-5, seller VAT id, BT-112, BT-110,
 * BT-115, number of lines).
 */
class SharedInvoiceDocumentsTest {
    private static final Path DIR = InvoiceTestSupport.sharedTestData().resolve("invoices");
    private static final DocumentReaders READERS = DocumentReaders.create();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        en16931/cii/CII_business_example_02.xml | CII | INV000013 | 2013-08-25 | EUR | DE1111111 | 11.90 | 1.90 | 11.90 | 3
        en16931/cii/CII_example1.xml | CII | 12115118 | 2015-01-09 | EUR | NL8200.98.395.B.01 | 250.33 | 20.73 | 250.33 | 20
        en16931/cii/CII_example4.xml | CII | TOSL110 | 2013-04-10 | DKK | DK16356706 | 4675 | 675 | 4675 | 3
        en16931/cii/huf_example_cii.xml | CII | 21/001003559/996 | 2021-10-05 | HUF | HU30048650 | 87859.00 | 18679.00 | 87859.00 | 3
        en16931/ubl/ubl-tc434-creditnote1.xml | UBL | 018304 / 28865 | 2019-09-23 | EUR | BE0000000196 | 100.11 | 0.00 | 100.11 | 1
        en16931/ubl/ubl-tc434-example1.xml | UBL | 12115118 | 2015-01-09 | EUR | NL8200.98.395.B.01 | 250.33 | 20.73 | 250.33 | 20
        en16931/ubl/ubl-tc434-example5.xml | UBL | TOSL110 | 2013-04-10 | DKK | NL16356706 | 4675.00 | 675.00 | 2337.50 | 3
        peppol-bis3/Allowance-example.xml | UBL | Snippet1 | 2017-11-13 | EUR | GB1232434 | 7125 | 1225.00 | 6125.00 | 3
        peppol-bis3/GR-base-example-correct.xml | UBL | '061828591|01/10/2020|0|1.1|0|1' | 2020-10-01 | EUR | EL0618285912 | 1656.25 | 331.25 | 1656.25 | 2
        peppol-bis3/Vat-category-S.xml | UBL | Snippet1 | 2017-11-13 | EUR | GB1232434 | 8550 | 1550.00 | 8550 | 3
        peppol-bis3/base-creditnote-correction.xml | UBL | Snippet1 | 2017-11-13 | EUR | GB1232434 | 1656.25 | 331.25 | 1656.25 | 2
        peppol-bis3/base-example.xml | UBL | Snippet1 | 2017-11-13 | EUR | GB1232434 | 1656.25 | 331.25 | 1656.25 | 2
        peppol-bis3/base-negative-inv-correction.xml | UBL | Correction1 | 2017-11-13 | EUR | GB1232434 | -1656.25 | -331.25 | -1656.25 | 2
        peppol-bis3/vat-category-E.xml | UBL | Vat-Z | 2018-08-30 | GBP | GB928741974 | 1200.00 | 0.00 | 1200.00 | 1
        peppol-bis3/vat-category-O.xml | UBL | Vat-O | 2018-08-30 | SEK | | 3200.00 | 0.00 | 3200.00 | 1
        xrechnung/01.01a-INVOICE_ubl.xml | UBL | 123456XX | 2016-04-04 | EUR | DE 123456789 | 336.9 | 22.04 | 336.9 | 2
        xrechnung/01.01a-INVOICE_uncefact.xml | CII | 123456XX | 2016-04-04 | EUR | DE 123456789 | 336.9 | 22.04 | 336.9 | 2
        xrechnung/01.18a-INVOICE_ubl.xml | UBL | PRG1502112 | 2015-04-24 | EUR | DE123456789 | 10555.3 | 1685.3 | 10555.3 | 4
        xrechnung/01.18a-INVOICE_uncefact.xml | CII | PRG1502112 | 2015-04-24 | EUR | DE123456789 | 10555.3 | 1685.3 | 10555.3 | 4
        xrechnung/02.01a-INVOICE_ubl.xml | UBL | 1234567 | 2018-04-13 | EUR | ATU123456789 | 12829.69 | 2048.44 | 12829.69 | 2
        """)
    void readsTheFieldsOfEachEn16931Document(String file, DocumentFormat format, String number, LocalDate issued,
            String currency, String sellerTaxId, BigDecimal totalWithTax, BigDecimal tax, BigDecimal payable,
            int lines) throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve(file));
        DocumentCheck c = READERS.check(bytes, "application/xml");

        assertEquals(format, c.format());
        InvoiceFields f = c.fields().orElseThrow();
        assertEquals(number, f.number());
        assertEquals(issued, f.issueDate());
        assertEquals(currency, f.currency());
        assertEquals(sellerTaxId, f.seller().taxId());
        assertEquals(totalWithTax, f.totalWithTax());
        assertEquals(tax, f.taxTotal());
        assertEquals(payable, f.payable());
        assertEquals(lines, f.lineCount());
        assertTrue(f.seller().name() != null && f.buyer().name() != null, "parties named");
        assertEquals(List.of(PartDigest.WHOLE_DOCUMENT), c.parts().stream().map(PartDigest::name).toList());
        assertEquals(dev.fapiao.node.crypto.Sm3.hashHex(bytes), c.parts().get(0).sm3Hex());
        assertTrue(c.passed());
    }

    @Test
    void theTwoSyntaxesOfOneXrechnungCaseReadTheSameFields() throws IOException {
        InvoiceFields ubl = read("xrechnung/01.01a-INVOICE_ubl.xml");
        InvoiceFields cii = read("xrechnung/01.01a-INVOICE_uncefact.xml");
        assertEquals(ubl.present().entrySet().stream().filter(e -> !e.getKey().equals("source")).toList(),
                cii.present().entrySet().stream().filter(e -> !e.getKey().equals("source")).toList());
    }

    @Test
    void creditNotesAndCorrectionsKeepTheirTypeCode() throws IOException {
        assertEquals("381", read("peppol-bis3/base-creditnote-correction.xml").typeCode());
        assertEquals("381", read("en16931/ubl/ubl-tc434-creditnote1.xml").typeCode());
        assertEquals("384", read("xrechnung/01.18a-INVOICE_ubl.xml").typeCode());
        assertEquals("384", read("xrechnung/01.18a-INVOICE_uncefact.xml").typeCode());
    }

    @Test
    void theOfdTestInvoiceFieldsComeFromItsEmbeddedInvoice() throws IOException {
        DocumentCheck c = READERS.check(Files.readAllBytes(DIR.resolve("cn-ofd/发票示例.ofd")));
        InvoiceFields f = c.fields().orElseThrow();
        assertEquals("Doc_0/Attachs/original_invoice.xml", f.source());
        assertEquals("050001700111", f.invoiceCode());
        assertEquals("99999951", f.number());
        assertEquals(LocalDate.of(2020, 10, 10), f.issueDate());
        assertEquals("91500106MA2CE71F65", f.seller().taxId());
        assertEquals("杭州融易算企业管理咨询有限公司", f.seller().name());
        assertEquals("9150010807MGZHI002", f.buyer().taxId());
        assertEquals(new BigDecimal("300.00"), f.totalWithoutTax());
        assertEquals(new BigDecimal("18.00"), f.taxTotal());
        assertEquals(new BigDecimal("318.00"), f.totalWithTax());
        assertEquals(3, f.lineCount());
        assertEquals("CNY", f.currency());
    }

    @Test
    void allTwentyOneDocumentsAreCovered() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.walk(DIR)) {
            files = s.filter(Files::isRegularFile).map(p -> DIR.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("README.md")).collect(Collectors.toSet());
        }
        assertEquals(21, files.size(), files.toString());
        for (String f : files) {
            DocumentCheck c = READERS.check(Files.readAllBytes(DIR.resolve(f)));
            assertTrue(c.fields().isPresent(), f + ": fields read");
        }
    }

    /**
     * The whole-document digest of each non-OFD document is its SM3: computed by the reader when asked
     * for nothing else, taken as given when the submission path has already hashed the bytes once.
     */
    @Test
    void theWholeDocumentDigestIsItsSm3OrTheHashTheCallerComputed() throws IOException {
        List<Path> xml;
        try (Stream<Path> s = Files.walk(DIR)) {
            xml = s.filter(p -> p.toString().endsWith(".xml")).toList();
        }
        assertEquals(20, xml.size());
        for (Path f : xml) {
            byte[] bytes = Files.readAllBytes(f);
            String sm3 = dev.fapiao.node.crypto.Sm3.hashHex(bytes);
            assertEquals(List.of(sm3), whole(READERS.check(bytes, "application/xml")), f.toString());
            String given = "ab".repeat(32);
            assertEquals(List.of(given), whole(READERS.check(bytes, "application/xml", given)), f.toString());
        }
    }

    private static List<String> whole(DocumentCheck c) {
        return c.parts().stream().filter(p -> p.name().equals(PartDigest.WHOLE_DOCUMENT)).map(PartDigest::sm3Hex).toList();
    }

    private static InvoiceFields read(String file) throws IOException {
        return READERS.check(Files.readAllBytes(DIR.resolve(file))).fields().orElseThrow();
    }
}
