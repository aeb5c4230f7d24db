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
    public final DocumentCheck read(byte[] document, String sm3Hex) {
        return readPart(document, PartDigest.WHOLE_DOCUMENT, sm3Hex);
    }

    /** Reads a PDF attachment named {@code source} as this format. */
    public final DocumentCheck readPart(byte[] document, String source) {
        return readPart(document, source, Sm3.hashHex(document));
    }

    private DocumentCheck readPart(byte[] document, String source, String sm3Hex) {
        XmlElement root = xml.parse(document, format().title());
        InvoiceFields fields = fields(root, source);
        List<String> notes = new ArrayList<>();
        if (root.descendants("Signature").stream().anyMatch(e -> XMLDSIG_NS.equals(e.namespace()))) {
            notes.add("an XML signature (ds:Signature) is present and was not verified: "
                    + "EN 16931 documents are trusted by their transport, not by this node");
        }
        PartDigest whole = new PartDigest(source, document.length, sm3Hex,
                PartDigest.Integrity.UNSIGNED);
        return new DocumentCheck(format(), Optional.of(fields), List.of(whole), List.of(), notes, checkedBy);
    }

    /** True when the root element (namespace and local name) is this reader's. */
    public abstract boolean accepts(XmlElement root);

    abstract InvoiceFields fields(XmlElement root, String source);

    @Override
    public abstract DocumentFormat format();
}
