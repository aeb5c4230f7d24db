package dev.fapiao.node.document;

/**
 * Reads and checks documents of one format. Implementations are immutable and thread-safe.
 */
public interface DocumentReader {
    DocumentFormat format();

    /**
     * Reads the document: fields, part hashes, signature verdicts.
     *
     * @throws DocumentException when the bytes are not a usable document of this format
     */
    DocumentCheck read(byte[] document);
}
