package dev.fapiao.node.document.readers;

import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.DocumentReader;
import dev.fapiao.node.document.TrustedSeals;

import dev.fapiao.node.document.DocumentException.Reason;
import dev.fapiao.node.document.ofd.OfdReader;
import dev.fapiao.node.document.pdf.PdfReader;
import dev.fapiao.node.document.xml.CiiReader;
import dev.fapiao.node.document.xml.CnEInvoiceReader;
import dev.fapiao.node.document.xml.CnInvoiceFields;
import dev.fapiao.node.document.xml.SecureXml;
import dev.fapiao.node.document.xml.UblReader;
import dev.fapiao.node.document.xml.XmlElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Chooses the reader for a document from its bytes (magic bytes, XML root element) and checks that a
 * declared content type agrees, then reads it. The entry point of the package; immutable and
 * thread-safe, so one instance serves a node.
 */
public final class DocumentReaders {
    private final DocumentLimits limits;
    private final SecureXml xml;
    private final OfdReader ofd;
    private final UblReader ubl;
    private final CiiReader cii;
    private final CnEInvoiceReader cnXml;
    private final PdfReader pdf;

    private DocumentReaders(DocumentLimits limits, TrustedSeals trusted) {
        this.limits = Objects.requireNonNull(limits, "limits");
        String checkedBy = checkedBy();
        this.xml = new SecureXml(limits);
        this.ofd = new OfdReader(limits, xml, trusted, checkedBy);
        this.ubl = new UblReader(xml, checkedBy);
        this.cii = new CiiReader(xml, checkedBy);
        this.cnXml = new CnEInvoiceReader(xml, trusted, checkedBy);
        this.pdf = new PdfReader(limits, this::embeddedXml, checkedBy);
    }

    public static DocumentReaders create(DocumentLimits limits, TrustedSeals trusted) {
        return new DocumentReaders(limits, Objects.requireNonNull(trusted, "trusted"));
    }

    /** Default limits, no trusted seal CAs. */
    public static DocumentReaders create() {
        return create(DocumentLimits.defaults(), TrustedSeals.none());
    }

    /** Reads a document whose format is sniffed from the bytes. */
    public DocumentCheck check(byte[] document) {
        return check(document, null);
    }

    /**
     * Reads a document.
     *
     * @param contentType the declared media type (e.g. {@code application/ofd}); null or
     *                    {@code application/octet-stream} to rely on the bytes alone
     * @throws DocumentException when the input is unusable
     */
    public DocumentCheck check(byte[] document, String contentType) {
        Objects.requireNonNull(document, "document");
        return check(document, contentType, Sm3.hashHex(document));
    }

    /**
     * Reads a document whose SM3 the caller has already computed (the submission path hashes each
     * original once).
     *
     * @param sm3Hex the SM3 of {@code document}, lowercase hex
     * @throws DocumentException when the input is unusable
     */
    public DocumentCheck check(byte[] document, String contentType, String sm3Hex) {
        Objects.requireNonNull(document, "document");
        if (document.length == 0) {
            throw new DocumentException(Reason.MALFORMED, "the document is empty");
        }
        if (document.length > limits.maxDocumentBytes()) {
            throw new DocumentException(Reason.LIMIT_EXCEEDED,
                    "the document is larger than " + limits.maxDocumentBytes() + " bytes");
        }
        DocumentReader reader = sniff(document);
        String declared = declaredFamily(contentType);
        if (declared != null && !declared.equals(family(reader.format()))) {
            throw new DocumentException(Reason.CONTENT_TYPE_MISMATCH, "content type " + contentType
                    + " but the bytes are " + reader.format().title());
        }
        return reader.read(document, sm3Hex);
    }

    /** The reader the bytes call for. */
    DocumentReader sniff(byte[] d) {
        if (startsWith(d, new byte[] {'P', 'K', 3, 4})) {
            return ofd;
        }
        if (startsWith(d, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return pdf;
        }
        if (looksLikeXml(d)) {
            return xmlReader(xml.root(d, "document"), "the document");
        }
        throw new DocumentException(Reason.UNSUPPORTED_FORMAT,
                "neither OFD (ZIP), PDF nor XML: unsupported document format");
    }

    private DocumentReader xmlReader(XmlElement root, String what) {
        if (ubl.accepts(root)) {
            return ubl;
        }
        if (cii.accepts(root)) {
            return cii;
        }
        if (CnInvoiceFields.isEInvoice(root)) {
            return cnXml;
        }
        throw new DocumentException(Reason.UNSUPPORTED_FORMAT, what + " is XML with root {" + root.namespace()
                + "}" + root.name() + ": not UBL, CII or 数电票 XML");
    }

    /** A PDF attachment read as UBL or CII, when it is one. */
    private Optional<DocumentCheck> embeddedXml(byte[] bytes, String name) {
        if (!looksLikeXml(bytes)) {
            return Optional.empty();
        }
        XmlElement root = xml.root(bytes, name);
        if (ubl.accepts(root)) {
            return Optional.of(ubl.readPart(bytes, name));
        }
        if (cii.accepts(root)) {
            return Optional.of(cii.readPart(bytes, name));
        }
        return Optional.empty();
    }

    private static String family(DocumentFormat f) {
        return switch (f) {
            case OFD -> "ofd";
            case PDF -> "pdf";
            case UBL, CII, CN_EINVOICE_XML -> "xml";
        };
    }

    private static String declaredFamily(String contentType) {
        if (contentType == null) {
            return null;
        }
        String t = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        if (t.isEmpty() || t.equals("application/octet-stream")) {
            return null;
        }
        if (t.equals("application/ofd") || t.equals("application/zip")) {
            return "ofd";
        }
        if (t.equals("application/pdf")) {
            return "pdf";
        }
        if (t.endsWith("/xml") || t.endsWith("+xml")) {
            return "xml";
        }
        throw new DocumentException(Reason.UNSUPPORTED_FORMAT, "unsupported content type " + contentType);
    }

    private static boolean looksLikeXml(byte[] d) {
        int i = startsWith(d, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        while (i < d.length && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) {
            i++;
        }
        return i < d.length && d[i] == '<';
    }

    private static boolean startsWith(byte[] d, byte[] prefix) {
        if (d.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String checkedBy() {
        Properties p = new Properties();
        try (InputStream in = DocumentReaders.class.getResourceAsStream("/dev/fapiao/node/document/libraries.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "fapiao-node " + p.getProperty("node", "?") + " dev.fapiao.node.document (JDK StAX, SM3 parts, "
                + "GB/T 38540 SES v4); BouncyCastle " + p.getProperty("bouncycastle", "?")
                + "; Apache PDFBox " + p.getProperty("pdfbox", "?");
    }
}
