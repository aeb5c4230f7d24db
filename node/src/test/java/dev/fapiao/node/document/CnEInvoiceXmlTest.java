package dev.fapiao.node.document;

import dev.fapiao.node.document.readers.DocumentReaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.document.SignatureCheck.Verdict;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 数电票 XML written here (no public sample exists) in the structure docs/documents.md describes, with
 * element names in the inconsistent case seen in the wild, signed by a test tax bureau key.
 */
class CnEInvoiceXmlTest {
    private static final TestSeals.Authority BUREAU = TestSeals.authority("Test Tax Bureau");
    private static final String MARK = "<Signature>SIG</Signature>";
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EInvoice>\n"
            + "<Header><EIid>24442000000012345678</EIid><EInvoiceTag>SWEI4400</EInvoiceTag><Version>0.1</Version>"
            + "<InherentLabel><EInvoiceType><LabelCode>02</LabelCode><LabelName>普通发票</LabelName></EInvoiceType>"
            + "</InherentLabel></Header>\n"
            + "<EinvoiceData>" // lower-case 'i': the known inconsistency
            + "<SellerInformation><SellerIdNum>91440300MA5SELLER1</SellerIdNum><SellerName>深圳测试销售有限公司</SellerName>"
            + "</SellerInformation><BuyerInformation><BuyerIdNum>91110000MA0BUYER02</BuyerIdNum>"
            + "<BuyerName>北京测试购买有限公司</BuyerName></BuyerInformation>"
            + "<BasicInformation><TotalAmWithoutTax>1000.00</TotalAmWithoutTax><TotalTaxAm>60.00</TotalTaxAm>"
            + "<TotalTax-includedAmount>1060.00</TotalTax-includedAmount><RequestTime>2024-05-06 10:11:12</RequestTime>"
            + "</BasicInformation>"
            + "<IssuItemInformation><ItemName>*现代服务*咨询费</ItemName><Amount>600.00</Amount></IssuItemInformation>"
            + "<IssuItemInformation><ItemName>*现代服务*服务费</ItemName><Amount>400.00</Amount></IssuItemInformation>"
            + "</EinvoiceData>\n"
            + "<TaxSupervisionInfo><InvoiceNumber>24442000000012345678</InvoiceNumber>"
            + "<IssueTime>2024-05-06 10:11:13</IssueTime><TaxBureauCode>14403000000</TaxBureauCode></TaxSupervisionInfo>\n"
            + MARK + "\n</EInvoice>\n";

    @Test
    void readsTheFieldsIgnoringElementNameCase() {
        DocumentCheck c = DocumentReaders.create().check(signed(BUREAU), "application/xml");
        assertEquals(DocumentFormat.CN_EINVOICE_XML, c.format());
        InvoiceFields f = c.fields().orElseThrow();
        assertEquals("24442000000012345678", f.number());
        assertEquals("02", f.typeCode());
        assertEquals(LocalDate.of(2024, 5, 6), f.issueDate());
        assertEquals("91440300MA5SELLER1", f.seller().taxId());
        assertEquals("91110000MA0BUYER02", f.buyer().taxId());
        assertEquals(new BigDecimal("1000.00"), f.totalWithoutTax());
        assertEquals(new BigDecimal("60.00"), f.taxTotal());
        assertEquals(new BigDecimal("1060.00"), f.totalWithTax());
        assertEquals(2, f.lineCount());
        // no trusted key: the signature is found and reported unchecked, which is not a failure
        assertEquals(Verdict.NOT_CHECKED, c.signatures().get(0).value());
        assertTrue(c.passed());
    }

    @Test
    void theTaxBureauSignatureVerifiesWithTheTrustedKey() {
        DocumentCheck c = withTrusted(BUREAU).check(signed(BUREAU));
        assertEquals(Verdict.VALID, c.signatures().get(0).value(), c.signatures().get(0).valueDetail());
        assertEquals(Trust.Status.TRUSTED, c.signatures().get(0).trust().status());
        assertTrue(c.passed());
    }

    @Test
    void aChangedAmountOrAnotherKeyFails() {
        byte[] changed = TestSeals.utf8(new String(signed(BUREAU), java.nio.charset.StandardCharsets.UTF_8)
                .replace("1060.00", "1960.00"));
        DocumentCheck c = withTrusted(BUREAU).check(changed);
        assertEquals(Verdict.INVALID, c.signatures().get(0).value());
        assertFalse(c.passed());

        DocumentCheck other = withTrusted(BUREAU).check(signed(TestSeals.authority("Impostor")));
        assertEquals(Verdict.INVALID, other.signatures().get(0).value());
        assertEquals(List.of("signature EInvoice/Signature", "signature EInvoice/Signature signer"),
                other.failures().stream().map(Check::name).toList());
    }

    /** The document signed by the authority's signer key over its bytes without the signature element. */
    private static byte[] signed(TestSeals.Authority a) {
        byte[] unsigned = TestSeals.utf8(XML.replace(MARK, ""));
        String sig = Base64.getEncoder().encodeToString(Sm2Signer.of(a.signerKey().privateKey()).sign(unsigned));
        return TestSeals.utf8(XML.replace("SIG", sig));
    }

    private static DocumentReaders withTrusted(TestSeals.Authority a) {
        return DocumentReaders.create(DocumentLimits.defaults(), TrustedSeals.of(List.of(TestSeals.der(a.signer()))));
    }
}
