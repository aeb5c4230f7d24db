package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.crypto.Sm4Gcm;

import java.util.Optional;
import java.util.regex.Pattern;

/** {@code documents} + {@code doc_refs}: content-addressed documents with reference counts. */
final class RocksDocumentStore implements DocumentStore {

    static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** Documents deleted since their space was last reclaimed (meta counter, written with the deletion). */
    static final String META_RECLAIM_PENDING = "archive.count.unreclaimed";

    private final ArchiveDb db;
    private final GroupCommitWriter writer;
    private final Sm4Gcm cipher;

    RocksDocumentStore(ArchiveDb db, GroupCommitWriter writer) {
        this.db = db;
        this.writer = writer;
        this.cipher = db.options().documentCipher();
    }

    /** See {@link Archive#reclaimDeletedDocuments()}. */
    long reclaimDeletedSpace() {
        long pending = db.read(() -> db.counter(Cf.META, Codec.utf8(META_RECLAIM_PENDING)));
        if (pending == 0) {
            return 0;
        }
        db.read(() -> {
            db.reclaimDocumentSpace();
            return null;
        });
        // deletions during the compaction stay pending: only what was counted before it is done
        writer.call(t -> t.addMeta(META_RECLAIM_PENDING, -pending));
        return pending;
    }

    @Override
    public Optional<byte[]> document(String docHash) {
        byte[] key = key(docHash);
        return db.read(() -> {
            byte[] v = db.get(Cf.DOCUMENTS, key);
            return v == null ? Optional.empty() : Optional.of(DocumentCodec.documentBytes(key, v, cipher));
        });
    }

    @Override
    public boolean contains(String docHash) {
        byte[] key = key(docHash);
        return db.read(() -> db.counter(Cf.DOC_REFS, key)) > 0;
    }

    private static byte[] key(String docHash) {
        require(docHash != null && HASH.matcher(docHash).matches(), "docHash must be 64 lowercase hex");
        return DocumentCodec.docKey(docHash);
    }

    /** The stored value of a document (encrypted, if configured): computed on the caller's thread, not the writer's. */
    byte[] encode(HashedDocument document) {
        return DocumentCodec.documentValue(document.sm3(), document.bytes(), cipher);
    }

    /**
     * Adds a reference to the document {@code docHash}, storing {@code storedValue} when it is the
     * first; returns the number of references before.
     */
    long addReference(Txn t, String docHash, byte[] storedValue) {
        byte[] docKey = DocumentCodec.docKey(docHash);
        long refs = t.counter(Cf.DOC_REFS, docKey);
        if (refs == 0) {
            t.put(Cf.DOCUMENTS, docKey, storedValue);
        }
        t.putCounter(Cf.DOC_REFS, docKey, refs + 1);
        return refs;
    }

    /** Drops a reference to {@code docHash}; deletes the document with its last one and returns true then. */
    boolean releaseReference(Txn t, String docHash) {
        byte[] docKey = DocumentCodec.docKey(docHash);
        long refs = t.counter(Cf.DOC_REFS, docKey);
        boolean deleted = refs <= 1;
        if (deleted) {
            t.delete(Cf.DOCUMENTS, docKey);
            t.delete(Cf.DOC_REFS, docKey);
            t.addMeta(META_RECLAIM_PENDING, 1);
        } else {
            t.putCounter(Cf.DOC_REFS, docKey, refs - 1);
        }
        return deleted;
    }
}
