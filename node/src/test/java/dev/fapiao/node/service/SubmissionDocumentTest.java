package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.document.TestSeals;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceLine;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.invoice.Party;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Sealer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation step's reading of the document: cross-check, document-only, refusals, the claim on the record. */
class SubmissionDocumentTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Path SHARED = dev.fapiao.node.invoice.InvoiceTestSupport.sharedTestData().resolve("invoices");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InvoiceGenerator gen = new InvoiceGenerator(7);
    private final String seller = gen.creditCode();
    private final String buyer = gen.creditCode();
    private final String taxCode = gen.invoice(seller, NOW).lines().get(0).taxCode();
    private Archive archive;

    @TempDir
    Path dir;

    private InvoiceService node() {
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).clock(clock).build());
        return InvoiceService.create(archive, new Sealer(Sm2KeyPair.generate().privateKey()), new RetentionPolicy(15),
                1 << 22, () -> { }, clock, null);
    }

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    /** A sealed OFD whose embedded 2019 VAT e-invoice carries every field an invoice needs. */
    private byte[] ofd() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<eInvoice xmlns:fp=\"http://www.edrm.org.cn/schema/e-invoice/2019\" Version=\"1.0\">"
                + "<fp:InvoiceCode>044031900111</fp:InvoiceCode><fp:InvoiceNo>12345678</fp:InvoiceNo>"
                + "<fp:TypeCode>0</fp:TypeCode><fp:IssueDate>2026年11月20日</fp:IssueDate>"
                + "<fp:Buyer><fp:BuyerName>测试买方有限公司</fp:BuyerName><fp:BuyerTaxID>" + buyer + "</fp:BuyerTaxID></fp:Buyer>"
                + "<fp:Seller><fp:SellerName>测试卖方有限公司</fp:SellerName><fp:SellerTaxID>" + seller
                + "</fp:SellerTaxID></fp:Seller>"
                + "<fp:TaxInclusiveTotalAmount>113.00</fp:TaxInclusiveTotalAmount><fp:TaxTotalAmount>13.00</fp:TaxTotalAmount>"
                + "<fp:TaxExclusiveTotalAmount>100.00</fp:TaxExclusiveTotalAmount>"
                + "<fp:GoodsInfos><fp:GoodsInfo><fp:Item>*信息技术服务*软件</fp:Item><fp:TaxClassificationCode>" + taxCode
                + "</fp:TaxClassificationCode><fp:Amount>100.00</fp:Amount><fp:TaxScheme>13%</fp:TaxScheme>"
                + "<fp:TaxAmount>13.00</fp:TaxAmount></fp:GoodsInfo></fp:GoodsInfos></eInvoice>";
        Map<String, byte[]> parts = TestSeals.parts();
        parts.put("Doc_0/Attachs/original_invoice.xml", xml.getBytes(StandardCharsets.UTF_8));
        return TestSeals.sealedOfd(parts, TestSeals.authority("docs test"), NOW.minusSeconds(3 * 86_400));
    }

    private Invoice fields(String number, String issued) {
        return new Invoice(number, Instant.parse(issued), new Party("测试卖方有限公司", seller),
                new Party("测试买方有限公司", buyer),
                List.of(InvoiceLine.of("*信息技术服务*软件", taxCode, new BigDecimal("100.00"), new BigDecimal("0.13"),
                        new BigDecimal("13.00"))),
                new BigDecimal("100.00"), new BigDecimal("13.00"), new BigDecimal("113.00"), "CNY", null,
                InvoiceType.NORMAL, null);
    }

    @Test
    void aDocumentOnlyOfdIsArchivedWithTheFieldsReadFromIt() throws Exception {
        InvoiceService node = node();
        ValidSubmission valid = node.validate(Submission.documentOnly(ofd(), "application/ofd"));
        assertEquals(seller + "04403190011112345678", valid.invoiceId(), "code + number make the 20-digit number");
        assertEquals(new BigDecimal("113.00"), valid.invoice().totalWithTax());
        assertEquals(Instant.parse("2026-11-19T16:00:00Z"), valid.invoice().issueTime(), "the issue date's start, CST");
        ArchivedInvoice rec = node.submit(valid).join().invoice();
        JsonNode claim = new ObjectMapper().readTree(archive.invoices().get(rec.invoiceId()).orElseThrow().documentCheck());
        assertEquals("OFD", claim.path("format").asText());
        assertTrue(claim.path("passed").asBoolean());
        assertEquals("VALID", claim.path("signatures").path(0).path("value").asText());
        assertEquals("NOT_CONFIGURED", claim.path("signatures").path(0).path("trust").asText());
        assertTrue(claim.path("checkedBy").asText().contains("BouncyCastle"), claim.toString());
    }

    @Test
    void submittedFieldsThatDifferFromTheDocumentAreEachNamedWithBothValues() {
        InvoiceService node = node();
        Invoice good = fields("04403190011112345678", "2026-11-20T02:00:00Z");
        assertEquals(good.id().format(), node.validate(new Submission(good, ofd(), "application/ofd")).invoiceId());

        Invoice bad = fields("04403190011112345679", "2026-11-20T17:00:00Z"); // 01:00 on the 21st in CST
        DocumentMismatchException e = assertThrows(DocumentMismatchException.class,
                () -> node.validate(new Submission(bad, ofd(), "application/ofd")));
        assertEquals(List.of(
                new DocumentMismatchException.Mismatch("number", "04403190011112345679", "04403190011112345678",
                        "Doc_0/Attachs/original_invoice.xml"),
                new DocumentMismatchException.Mismatch("issueTime", "2026-11-21 (China Standard Time)", "2026-11-20",
                        "Doc_0/Attachs/original_invoice.xml")), e.mismatches());

        // declared opaque: not read, not compared, no claim on the record
        ValidSubmission opaque = node.validate(new Submission(bad, ofd(), "application/ofd", null, true));
        assertNull(opaque.documentCheck());
    }

    @Test
    void theRealTamperedOfdIsCrossCheckedAndItsClaimNamesTheModifiedPart() throws Exception {
        byte[] ofd = Files.readAllBytes(SHARED.resolve("cn-ofd/发票示例.ofd"));
        InvoiceService node = node();
        // its buyer code fails the check character and its lines carry no tax codes: document-only is refused, naming them
        DocumentRefusedException e = assertThrows(DocumentRefusedException.class,
                () -> node.validate(Submission.documentOnly(ofd, "application/ofd")));
        List<String> messages = e.errors().stream().map(FieldError::message).toList();
        assertTrue(messages.stream().allMatch(m -> m.contains("read from Doc_0/Attachs/original_invoice.xml")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("invoice.lines[0].taxCode")), messages.toString());
        assertEquals("document", e.errors().get(0).field());
    }

    @Test
    void theSameDocumentUnderAnotherIdIsFlaggedAuditedCountedAndFound() {
        InvoiceService node = node();
        byte[] doc = ofd();
        Invoice first = fields("04403190011112345678", "2026-11-20T02:00:00Z");
        Invoice second = new Invoice("04403190011112345670", first.issueTime(), first.seller(), first.buyer(),
                first.lines(), first.totalAmount(), first.totalTax(), first.totalWithTax(), "CNY", null,
                InvoiceType.NORMAL, null);
        assertEquals(List.of(), node.submit(node.validate(new Submission(first, doc, "application/ofd", null, false)))
                .join().invoice().flags());
        // declared opaque so the number mismatch is not refused: the same bytes, another id
        ArchivedInvoice dup = node.submit(node.validate(new Submission(second, doc, "application/ofd", null, true)))
                .join().invoice();
        assertEquals(List.of("duplicate-document"), dup.flags());
        assertEquals(List.of("duplicate-document"), archive.invoices().get(dup.invoiceId()).orElseThrow().flags(),
                "the flag is stored with the record");
        assertEquals(1L, node.anomalyCounts().get("duplicate-document"));
        assertEquals(0L, node.anomalyCounts().get("burst"));
        var audit = archive.auditLog().read(0, 100).stream().filter(a -> a.action().startsWith("anomaly.")).toList();
        assertEquals(1, audit.size());
        assertEquals("anomaly.duplicate-document", audit.get(0).action());
        assertEquals(dup.invoiceId(), audit.get(0).target());
        var from = java.time.LocalDate.of(2026, 1, 1);
        var to = java.time.LocalDate.of(2026, 12, 31);
        assertEquals(List.of(dup.invoiceId()), node.search(seller, from, to, null, "duplicate-document", null, 10)
                .items().stream().map(ArchivedInvoice::invoiceId).toList());
        assertEquals(2, node.search(seller, from, to, null, null, null, 10).items().size());
        assertEquals(0, node.search(seller, from, to, null, "burst", null, 10).items().size());
    }

    @Test
    void unusableDocumentsAreRefusedAndUnknownFormatsArchivedAsGiven() {
        InvoiceService node = node();
        Invoice inv = fields("04403190011112345678", "2026-11-20T02:00:00Z");
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><Invoice>&lol;</Invoice>";
        DocumentRefusedException dtd = assertThrows(DocumentRefusedException.class,
                () -> node.validate(new Submission(inv, bomb.getBytes(StandardCharsets.UTF_8), "application/xml")));
        assertEquals("document:unusable_dtd_refused", dtd.errors().get(0).field() + ":" + dtd.errors().get(0).code());

        DocumentRefusedException mismatch = assertThrows(DocumentRefusedException.class,
                () -> node.validate(new Submission(inv, ("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>")
                        .getBytes(StandardCharsets.UTF_8), "application/pdf")));
        assertTrue(mismatch.errors().get(0).message().contains("opaqueDocument"), mismatch.getMessage());

        byte[] text = "plain text, not a format the node reads".getBytes(StandardCharsets.UTF_8);
        assertNull(node.validate(new Submission(inv, text, "text/plain")).documentCheck());
        DocumentRefusedException noFields = assertThrows(DocumentRefusedException.class,
                () -> node.validate(Submission.documentOnly(text, "text/plain")));
        assertEquals("invoice:required", noFields.errors().get(0).field() + ":" + noFields.errors().get(0).code());
    }
}
