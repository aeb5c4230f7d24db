package dev.fapiao.node.archive;

import java.util.List;

/** Column family names (stable: they are on disk). */
final class Cf {
    static final String DOCUMENTS = "documents";
    static final String DOC_REFS = "doc_refs";
    static final String INVOICES = "invoices";
    static final String ANCHORS = "anchors";
    static final String OUTBOX = "outbox";
    static final String BY_ISSUER_DATE = "by_issuer_date";
    static final String BY_STATUS = "by_status";
    static final String AUDIT = "audit";
    static final String META = "meta";
    static final String NONCES = "nonces";

    /** Every archive column family, in handle order (after "default"). */
    static final List<String> ALL = List.of(DOCUMENTS, DOC_REFS, INVOICES, ANCHORS, OUTBOX, BY_ISSUER_DATE,
            BY_STATUS, AUDIT, META, NONCES);

    private Cf() {}
}
