package dev.fapiao.node.archive;

import java.util.Optional;

/**
 * The archived original documents, content-addressed by SM3 and reference-counted (identical
 * documents are stored once; optionally SM4-GCM at rest). Documents are written and released
 * by the {@link InvoiceStore}'s put and disposal, in the same atomic write.
 */
public interface DocumentStore {

    /** The document bytes, verified against {@code docHash} (lowercase hex SM3); empty when absent. */
    Optional<byte[]> document(String docHash);

    /** Whether a document with {@code docHash} is archived (the archive answers from its reference count). */
    default boolean contains(String docHash) {
        return document(docHash).isPresent();
    }
}
