package dev.fapiao.node.document;

import dev.fapiao.node.document.readers.DocumentReaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.InvoiceTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;

class PdfDocumentTest {
    private static final Path DIR = InvoiceTestSupport.sharedTestData().resolve("invoices");

    @Test
    void aFacturXPdfIsReadThroughItsEmbeddedCii() throws IOException {
        byte[] cii = Files.readAllBytes(DIR.resolve("en16931/cii/CII_example1.xml"));
        byte[] pdf = pdfWith("factur-x.xml", cii);

        DocumentCheck c = DocumentReaders.create().check(pdf, "application/pdf");

        assertEquals(DocumentFormat.PDF, c.format());
        InvoiceFields f = c.fields().orElseThrow();
        assertEquals("attachment factur-x.xml", f.source());
        assertEquals("12115118", f.number());
        assertEquals(new BigDecimal("250.33"), f.totalWithTax());
        assertEquals(20, f.lineCount());
        assertEquals(2, c.parts().size());
        assertEquals(Sm3.hashHex(cii), c.parts().get(1).sm3Hex());
        assertEquals(Sm3.hashHex(pdf), c.parts().get(0).sm3Hex());
    }

    @Test
    void aPdfWithoutAnXmlInvoiceIsOpaque() throws IOException {
        // the real PDF attachment XRechnung case 02.01a carries (base64 inside the UBL)
        String ubl = Files.readString(DIR.resolve("xrechnung/02.01a-INVOICE_ubl.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<cbc:EmbeddedDocumentBinaryObject[^>]*>([^<]+)<").matcher(ubl);
        assertTrue(m.find());
        byte[] pdf = Base64.getMimeDecoder().decode(m.group(1));

        DocumentCheck c = DocumentReaders.create().check(pdf);

        assertEquals(DocumentFormat.PDF, c.format());
        assertTrue(c.fields().isEmpty());
        assertEquals(1, c.parts().size());
        assertTrue(c.notes().contains("no embedded XML invoice: the PDF is opaque, no fields read"), c.notes().toString());
        assertTrue(c.passed());
    }

    @Test
    void aDamagedPdfIsUnusableInput() {
        byte[] junk = TestSeals.utf8("%PDF-1.7\nthis is not a PDF body");
        DocumentException e = org.junit.jupiter.api.Assertions.assertThrows(DocumentException.class,
                () -> DocumentReaders.create().check(junk));
        assertEquals(DocumentException.Reason.MALFORMED, e.reason());
    }

    static byte[] pdfWith(String name, byte[] attachment) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            PDEmbeddedFile ef = new PDEmbeddedFile(doc, new ByteArrayInputStream(attachment));
            ef.setSubtype("text/xml");
            ef.setSize(attachment.length);
            PDComplexFileSpecification fs = new PDComplexFileSpecification();
            fs.setFile(name);
            fs.setFileUnicode(name);
            fs.setEmbeddedFile(ef);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of(name, fs));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
