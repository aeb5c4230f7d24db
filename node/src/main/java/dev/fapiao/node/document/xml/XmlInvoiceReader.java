package dev.fapiao.node.document.xml;

import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentFormat;
import dev.fapiao.node.document.DocumentReader;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.PartDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Shared shape of the UBL and CII readers: parse securely, read the fields from the tree, one part (the
 * whole document). Embedded XML signatures (UBL extensions, XAdES) are noted, not verified.
 */
abstract class XmlInvoiceReader implements DocumentReader {
    private static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    private final SecureXml xml;
    private final String checkedBy;

    XmlInvoiceReader(SecureXml xml, String checkedBy) {
        this.xml = Objects.requireNonNull(xml, "xml");
        this.checkedBy = Objects.requireNonNull(checkedBy, "checkedBy");
    }

    @Override
    public final DocumentCheck read(byte[] document) {
        return read(document, PartDigest.WHOLE_DOCUMENT);
    }

    /** Reads the document as the part {@code source} (a PDF attachment's name, or the whole document). */
    public final DocumentCheck read(byte[] document, String source) {
        XmlElement root = xml.parse(document, format().title());
        InvoiceFields fields = fields(root, source);
        List<String> notes = new ArrayList<>();
        if (root.descendants("Signature").stream().anyMatch(e -> XMLDSIG_NS.equals(e.namespace()))) {
            notes.add("an XML signature (ds:Signature) is present and was not verified: "
                    + "EN 16931 documents are trusted by their transport, not by this node");
        }
        PartDigest whole = new PartDigest(source, document.length, Sm3.hashHex(document),
                PartDigest.Integrity.UNSIGNED);
        return new DocumentCheck(format(), Optional.of(fields), List.of(whole), List.of(), notes, checkedBy);
    }

    /** True when the root element (namespace and local name) is this reader's. */
    public abstract boolean accepts(XmlElement root);

    abstract InvoiceFields fields(XmlElement root, String source);

    @Override
    public abstract DocumentFormat format();
}
