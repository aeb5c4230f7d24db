package dev.fapiao.node.document.pdf;

import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentException.Reason;
import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.DocumentReader;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.PartDigest;
import dev.fapiao.node.document.SignatureCheck;
import dev.fapiao.node.document.Trust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * PDF with Apache PDFBox: hashes the file and each embedded file, and reads the invoice fields of an
 * embedded XML invoice (ZUGFeRD / Factur-X {@code factur-x.xml}, {@code zugferd-invoice.xml}, or any
 * {@code *.xml} attachment that is UBL or CII). A PDF without one is opaque: hashed, no fields. PDF
 * signatures are listed, not verified.
 */
public final class PdfReader implements DocumentReader {
    private final DocumentLimits limits;
    private final BiFunction<byte[], String, Optional<DocumentCheck>> xmlReader;
    private final String checkedBy;

    /**
     * @param xmlReader reads an attachment's bytes (and name) as an XML invoice; empty when it is none
     */
    public PdfReader(DocumentLimits limits, BiFunction<byte[], String, Optional<DocumentCheck>> xmlReader,
            String checkedBy) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.xmlReader = Objects.requireNonNull(xmlReader, "xmlReader");
        this.checkedBy = Objects.requireNonNull(checkedBy, "checkedBy");
    }

    @Override
    public DocumentFormat format() {
        return DocumentFormat.PDF;
    }

    @Override
    public DocumentCheck read(byte[] document, String sm3Hex) {
        List<PartDigest> parts = new ArrayList<>();
        parts.add(new PartDigest(PartDigest.WHOLE_DOCUMENT, document.length, sm3Hex,
                PartDigest.Integrity.UNSIGNED));
        List<String> notes = new ArrayList<>();
        List<SignatureCheck> signatures = new ArrayList<>();
        Optional<InvoiceFields> fields = Optional.empty();
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(document))) {
            Map<String, byte[]> files = attachments(pdf);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String name = "attachment " + f.getKey();
                parts.add(new PartDigest(name, f.getValue().length, Sm3.hashHex(f.getValue()),
                        PartDigest.Integrity.UNSIGNED));
                if (fields.isEmpty() && f.getKey().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    Optional<DocumentCheck> xml = xmlReader.apply(f.getValue(), name);
                    if (xml.isPresent()) {
                        fields = xml.get().fields();
                        notes.add(name + " is a " + xml.get().format().title() + " invoice: fields read from it");
                    }
                }
            }
            for (PDSignature s : pdf.getSignatureDictionaries()) {
                signatures.add(new SignatureCheck("pdf signature " + (signatures.size() + 1), "PDF signature "
                        + s.getSubFilter(), String.valueOf(s.getFilter()), s.getName(), null,
                        s.getSignDate() == null ? null : s.getSignDate().toInstant(), SignatureCheck.Verdict.NOT_CHECKED,
                        "PDF (PAdES/CMS) signatures are not verified by this node", List.of(), List.of(),
                        new Trust(Trust.Status.NOT_CONFIGURED, "not evaluated")));
            }
        } catch (IOException e) {
            throw new DocumentException(Reason.MALFORMED, "not a readable PDF: " + e.getMessage(), e);
        }
        if (fields.isEmpty()) {
            notes.add("no embedded XML invoice: the PDF is opaque, no fields read");
        }
        return new DocumentCheck(format(), fields, parts, signatures, notes, checkedBy);
    }

    /** Embedded files of the name tree (the Factur-X / ZUGFeRD place), by file name; bounded in size. */
    private Map<String, byte[]> attachments(PDDocument pdf) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        PDDocumentNameDictionary names = pdf.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null) {
            return out;
        }
        collect(names.getEmbeddedFiles(), out);
        return out;
    }

    private void collect(org.apache.pdfbox.pdmodel.common.PDNameTreeNode<PDComplexFileSpecification> node, Map<String, byte[]> out) throws IOException {
        Map<String, PDComplexFileSpecification> here = node.getNames();
        if (here != null) {
            for (Map.Entry<String, PDComplexFileSpecification> e : here.entrySet()) {
                if (out.size() >= limits.maxEntries()) {
                    throw new DocumentException(Reason.LIMIT_EXCEEDED,
                            "PDF has more than " + limits.maxEntries() + " attachments");
                }
                PDComplexFileSpecification spec = e.getValue();
                PDEmbeddedFile file = spec.getEmbeddedFile();
                if (file != null) {
                    String name = spec.getFilename() != null ? spec.getFilename() : e.getKey();
                    out.putIfAbsent(name, bounded(file, name));
                }
            }
        }
        if (node.getKids() != null) {
            for (org.apache.pdfbox.pdmodel.common.PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, out);
            }
        }
    }

    private byte[] bounded(PDEmbeddedFile file, String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = file.createInputStream()) {
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > limits.maxEntryBytes()) {
                    throw new DocumentException(Reason.LIMIT_EXCEEDED,
                            "PDF attachment " + name + " inflates beyond " + limits.maxEntryBytes() + " bytes");
                }
                b.write(buf, 0, n);
            }
        }
        return b.toByteArray();
    }
}
