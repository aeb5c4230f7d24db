package dev.fapiao.node.document.xml;

import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentException.Reason;
import dev.fapiao.node.document.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML parser of the document readers: the JDK's StAX with DTDs, external entities and entity
 * replacement switched off, and a document type declaration refused as soon as the parser reaches it,
 * before any entity is declared or expanded (billion laughs, XXE). Depth and element count are bounded
 * by {@link DocumentLimits}. Immutable and thread-safe.
 */
public final class SecureXml {
    private final XMLInputFactory factory;
    private final DocumentLimits limits;

    public SecureXml(DocumentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        // the JDK's own implementation, not whatever a jar on the class path registers
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        this.factory = f;
    }

    /** Parses a whole XML part into a tree; element names matched exactly. */
    public XmlElement parse(byte[] xml, String partName) {
        return parse(xml, partName, false);
    }

    /**
     * Parses a whole XML part into a tree.
     *
     * @param ignoreCase match element names ignoring case in later queries
     * @throws DocumentException DTD_REFUSED, LIMIT_EXCEEDED or MALFORMED
     */
    public XmlElement parse(byte[] xml, String partName, boolean ignoreCase) {
        return withReader(xml, partName, r -> tree(r, partName, ignoreCase));
    }

    /** The root element's namespace and local name without building a tree (for sniffing). */
    public XmlElement root(byte[] xml, String partName) {
        return withReader(xml, partName, r -> {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw dtdRefused(partName);
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    return new XmlElement(r.getNamespaceURI(), r.getLocalName(), Map.of(), false);
                }
            }
            throw new DocumentException(Reason.MALFORMED, partName + ": no root element");
        });
    }

    private XmlElement tree(XMLStreamReader r, String partName, boolean ignoreCase) throws XMLStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD -> throw dtdRefused(partName);
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new DocumentException(Reason.DTD_REFUSED,
                        partName + ": entity reference &" + r.getLocalName() + "; refused");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxXmlElements()) {
                        throw new DocumentException(Reason.LIMIT_EXCEEDED,
                                partName + ": more than " + limits.maxXmlElements() + " elements");
                    }
                    if (open.size() >= limits.maxXmlDepth()) {
                        throw new DocumentException(Reason.LIMIT_EXCEEDED,
                                partName + ": elements nested deeper than " + limits.maxXmlDepth());
                    }
                    Map<String, String> attrs = new HashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    XmlElement e = new XmlElement(r.getNamespaceURI(), r.getLocalName(), attrs, ignoreCase);
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().add(e);
                    }
                    open.push(e);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!open.isEmpty()) {
                        open.peek().appendText(r.getText());
                    }
                }
                default -> {
                    // comments, processing instructions, whitespace: nothing to keep
                }
            }
        }
        if (root == null) {
            throw new DocumentException(Reason.MALFORMED, partName + ": no root element");
        }
        return root;
    }

    private interface Walk<T> {
        T walk(XMLStreamReader r) throws XMLStreamException;
    }

    /** One reader over the bytes, closed after; parser errors become MALFORMED. */
    private <T> T withReader(byte[] xml, String partName, Walk<T> walk) {
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            return walk.walk(r);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof DocumentException de) {
                throw de;
            }
            throw new DocumentException(Reason.MALFORMED, partName + ": not well-formed XML: " + oneLine(e), e);
        } finally {
            close(r);
        }
    }

    private static DocumentException dtdRefused(String partName) {
        return new DocumentException(Reason.DTD_REFUSED,
                partName + ": has a document type declaration (DTD); DTDs and entities are refused");
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a reader over a byte array cannot lose data
            }
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
