package dev.fapiao.node.document;

import dev.fapiao.node.document.readers.DocumentReaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.document.SignatureCheck.Verdict;
import dev.fapiao.node.invoice.InvoiceTestSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfdSealTest {
    static final Path SHARED_OFD = InvoiceTestSupport.sharedTestData().resolve("invoices/cn-ofd/发票示例.ofd");
    private static final TestSeals.Authority CA = TestSeals.authority("Fapiao Test Seal CA");

    @Test
    void theSharedTestInvoiceReportsExactlyDocumentXmlAsModified() throws IOException {
        DocumentCheck c = DocumentReaders.create().check(Files.readAllBytes(SHARED_OFD), "application/ofd");

        assertEquals(DocumentFormat.OFD, c.format());
        assertEquals(List.of("Doc_0/Document.xml"), c.modifiedParts());
        assertEquals(1, c.signatures().size());
        SignatureCheck s = c.signatures().get(0);
        assertEquals("Doc_0/Signs/Sign_0/Signature.xml", s.id());
        // the seal itself is genuine: the signer's and the seal maker's SM2 signatures verify
        assertEquals(Verdict.VALID, s.value(), s.valueDetail());
        assertEquals("测试全国统一发票监制章国家税务总局重庆市税务局", s.sealName());
        assertEquals(Instant.parse("2020-10-10T07:11:20Z"), s.signedAt());
        assertEquals(Trust.Status.NOT_CONFIGURED, s.trust().status());
        assertEquals(16, c.parts().size());
        assertEquals(12, c.parts().stream().filter(p -> p.integrity() == PartDigest.Integrity.INTACT).count());
        assertFalse(c.passed());
        assertEquals(List.of("part Doc_0/Document.xml"), c.failures().stream().map(Check::name).toList());
        // the embedded invoice's own fp:Signature is described, not verified (docs/documents.md)
        assertTrue(c.notes().contains("Doc_0/Attachs/original_invoice.xml: fp:Signature (GM/T 0010 SM2 SignedData,"
                + " detached, signer issued by C=CN,CN=税务测试CA2(SM2) serial 300000112cd, 0 certificates) not verified:"
                + " the signer's certificate is not in the document and the signed bytes are not specified"),
                c.notes().toString());
    }

    @Test
    void anUnreadableFpSignatureIsNotedAsSuch() {
        byte[] xml = TestSeals.utf8(TestSeals.INVOICE_XML.replace("</eInvoice>",
                "<fp:Signature>bm90IGEgc2lnbmF0dXJl</fp:Signature></eInvoice>"));
        DocumentCheck c = DocumentReaders.create().check(TestSeals.sealedOfd(TestSeals.parts(xml), CA, Instant.now()));
        assertTrue(c.notes().contains("Doc_0/Attachs/original_invoice.xml: fp:Signature is not a readable SignedData,"
                + " not verified"), c.notes().toString());
        DocumentCheck none = DocumentReaders.create().check(TestSeals.sealedOfd(TestSeals.parts(), CA, Instant.now()));
        assertTrue(none.notes().stream().noneMatch(n -> n.contains("fp:Signature")), none.notes().toString());
    }

    @Test
    void theSharedTestInvoiceSignerIsUntrustedUnderAnotherCa() throws IOException {
        DocumentCheck c = DocumentReaders.create(DocumentLimits.defaults(), TrustedSeals.of(List.of(CA.caDer())))
                .check(Files.readAllBytes(SHARED_OFD));
        Trust t = c.signatures().get(0).trust();
        assertEquals(Trust.Status.UNTRUSTED, t.status());
        assertTrue(t.reason().contains("税务测试CA2(SM2)"), t.reason());
    }

    @Test
    void anOfdSealedByOurTestCaVerifiesAndIsTrusted() {
        byte[] ofd = TestSeals.sealedOfd(TestSeals.parts(), CA, Instant.now());
        DocumentCheck c = readers(CA).check(ofd);

        assertTrue(c.passed(), c.failures().toString());
        SignatureCheck s = c.signatures().get(0);
        assertEquals(Verdict.VALID, s.value(), s.valueDetail());
        assertEquals(Trust.Status.TRUSTED, s.trust().status(), s.trust().reason());
        assertEquals("测试发票专用章", s.sealName());
        assertEquals(List.of(), c.modifiedParts());
        assertEquals(3, c.parts().stream().filter(p -> p.integrity() == PartDigest.Integrity.INTACT).count());
        InvoiceFields f = c.fields().orElseThrow();
        assertEquals("12345678", f.number());
        assertEquals("044031900111", f.invoiceCode());
        assertEquals(LocalDate.of(2024, 3, 5), f.issueDate());
        assertEquals("91110108MA0TEST002", f.seller().taxId());
        assertEquals("91440300MA5TEST001", f.buyer().taxId());
        assertEquals(new BigDecimal("113.00"), f.totalWithTax());
        assertEquals(new BigDecimal("13.00"), f.taxTotal());
        assertEquals(1, f.lineCount());
    }

    @Test
    void aSealFromAnotherCaIsUntrusted() {
        TestSeals.Authority other = TestSeals.authority("Other CA");
        DocumentCheck c = readers(CA).check(TestSeals.sealedOfd(TestSeals.parts(), other, Instant.now()));
        assertEquals(Verdict.VALID, c.signatures().get(0).value());
        assertEquals(Trust.Status.UNTRUSTED, c.signatures().get(0).trust().status());
        assertFalse(c.passed());
    }

    @Test
    void aSigningTimeOutsideTheCertificatesValidityIsUntrusted() {
        DocumentCheck c = readers(CA).check(TestSeals.sealedOfd(TestSeals.parts(), CA,
                Instant.now().minusSeconds(86_400)));
        Trust t = c.signatures().get(0).trust();
        assertEquals(Trust.Status.UNTRUSTED, t.status());
        assertTrue(t.reason().contains("not valid at the signing time"), t.reason());
    }

    @Test
    void aPartChangedAfterSealingIsNamed() {
        byte[] sealed = TestSeals.sealedOfd(TestSeals.parts(), CA, Instant.now());
        Map<String, byte[]> entries = unzip(sealed);
        entries.put("Doc_0/Attachs/original_invoice.xml",
                TestSeals.utf8(TestSeals.INVOICE_XML.replace("113.00", "913.00")));
        DocumentCheck c = readers(CA).check(TestSeals.zip(entries));
        assertEquals(List.of("Doc_0/Attachs/original_invoice.xml"), c.modifiedParts());
        assertEquals(new BigDecimal("913.00"), c.fields().orElseThrow().totalWithTax());
        assertFalse(c.passed());
    }

    @Test
    void aSignatureFileChangedAfterSealingFailsTheSealValue() {
        Map<String, byte[]> entries = unzip(TestSeals.sealedOfd(TestSeals.parts(), CA, Instant.now()));
        String sig = new String(entries.get("Doc_0/Signs/Sign_0/Signature.xml"), java.nio.charset.StandardCharsets.UTF_8);
        entries.put("Doc_0/Signs/Sign_0/Signature.xml", TestSeals.utf8(sig.replace("fapiao-test", "fapiao-evil")));
        SignatureCheck s = readers(CA).check(TestSeals.zip(entries)).signatures().get(0);
        assertEquals(Verdict.INVALID, s.value());
        assertEquals("the signed hash of the signature file differs from its SM3 hash", s.valueDetail());
    }

    @Test
    void aSignatureByAnotherKeyFailsTheSealValue() {
        TestSeals.Authority other = TestSeals.authority("Other CA");
        Map<String, byte[]> entries = unzip(TestSeals.sealedOfd(TestSeals.parts(), CA, Instant.now()));
        byte[] signatureXml = entries.get("Doc_0/Signs/Sign_0/Signature.xml");
        // the signer key of another authority, with our signer's certificate
        TestSeals.Authority forged = new TestSeals.Authority(CA.caKey(), CA.ca(), other.signerKey(), CA.signer(),
                CA.makerKey(), CA.maker());
        entries.put("Doc_0/Signs/Sign_0/SignedValue.dat",
                TestSeals.sesSignature(forged, dev.fapiao.node.crypto.Sm3.hash(signatureXml), Instant.now()));
        SignatureCheck s = readers(CA).check(TestSeals.zip(entries)).signatures().get(0);
        assertEquals(Verdict.INVALID, s.value());
        assertEquals("signer SM2 signature does not verify", s.valueDetail());
    }

    private static DocumentReaders readers(TestSeals.Authority a) {
        return DocumentReaders.create(DocumentLimits.defaults(), TrustedSeals.of(List.of(a.caDer())));
    }

    static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> m = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                m.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }
}
