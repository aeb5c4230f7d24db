package dev.fapiao.node.document;

import dev.fapiao.node.crypto.Sm3;

/**
 * Reads and checks documents of one format. Implementations are immutable and thread-safe.
 */
public interface DocumentReader {
    DocumentFormat format();

    /** Reads the document, hashing it first ({@link #read(byte[], String)}). */
    default DocumentCheck read(byte[] document) {
        return read(document, Sm3.hashHex(document));
    }

    /**
     * Reads the document: fields, part hashes, signature verdicts.
     *
     * @param sm3Hex the SM3 of {@code document}, lowercase hex: the submission path hashes each
     *               original once and shares that hash (profiled: the second pass was 2.4 % of the
     *               gateway's CPU)
     * @throws DocumentException when the bytes are not a usable document of this format
     */
    DocumentCheck read(byte[] document, String sm3Hex);
}
