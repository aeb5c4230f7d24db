package dev.fapiao.node.document;

import java.util.Objects;

/**
 * One part of a document (an OFD container entry, a PDF attachment, or the whole file) with its SM3
 * hash, and whether a signature covers it.
 *
 * @param name      part name ({@code Doc_0/Document.xml}; {@code (document)} for the whole file)
 * @param size      bytes
 * @param sm3Hex    lowercase hex SM3 of the part's bytes
 * @param integrity what the document's own signatures say about this part
 */
public record PartDigest(String name, long size, String sm3Hex, Integrity integrity) {
    /** The whole submitted file, as a part name. */
    public static final String WHOLE_DOCUMENT = "(document)";

    public enum Integrity {
        /** No signature in the document lists this part. */
        UNSIGNED,
        /** Every signature listing it has a check value equal to the part's hash. */
        INTACT,
        /** A signature's check value differs: the part was changed after signing. */
        MODIFIED
    }

    public PartDigest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sm3Hex, "sm3Hex");
        Objects.requireNonNull(integrity, "integrity");
    }
}
