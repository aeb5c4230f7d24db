package dev.fapiao.node.document.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element of a parsed XML part: local name, namespace, attributes (by local name), its own text and
 * children. Names are matched exactly, or ignoring case when the tree was parsed with case folding
 * (the 数电票 XML has no schema and its element names vary in case). Read-only once parsed.
 */
public final class XmlElement {
    private final String namespace;
    private final String name;
    private final Map<String, String> attributes;
    private final boolean ignoreCase;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String namespace, String name, Map<String, String> attributes, boolean ignoreCase) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
        this.attributes = Map.copyOf(attributes);
        this.ignoreCase = ignoreCase;
    }

    void appendText(String s) {
        text.append(s);
    }

    void add(XmlElement child) {
        children.add(child);
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** The element's own character data, trimmed. */
    public String text() {
        return text.toString().strip();
    }

    /** An attribute by local name, or null. */
    public String attribute(String localName) {
        return attributes.get(localName);
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    public boolean is(String localName) {
        return ignoreCase ? name.equalsIgnoreCase(localName) : name.equals(localName);
    }

    /** Children with this local name, in document order. */
    public List<XmlElement> children(String localName) {
        return children.stream().filter(c -> c.is(localName)).toList();
    }

    /** The first element along a path of child local names. */
    public Optional<XmlElement> path(String... names) {
        XmlElement e = this;
        for (String n : names) {
            e = e.children.stream().filter(c -> c.is(n)).findFirst().orElse(null);
            if (e == null) {
                return Optional.empty();
            }
        }
        return Optional.of(e);
    }

    /** The non-empty text at a path of child local names, or null. */
    public String text(String... names) {
        return path(names).map(XmlElement::text).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** Descendants (depth first, document order) with this local name. */
    public List<XmlElement> descendants(String localName) {
        List<XmlElement> out = new ArrayList<>();
        collect(localName, out);
        return out;
    }

    private void collect(String localName, List<XmlElement> out) {
        for (XmlElement c : children) {
            if (c.is(localName)) {
                out.add(c);
            }
            c.collect(localName, out);
        }
    }
}
