package dev.fapiao.node.archive;

import dev.fapiao.node.model.AuditEntry;

import java.util.List;

/** The archive's append-only audit log, in sequence order (1, 2, ...). */
public interface AuditLog {

    /** Appends an audit entry; returns its sequence number. Durable on return. */
    long append(String actor, String action, String target, String detail);

    /** Audit entries with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<AuditEntry> read(long afterSeq, int limit);

    /** The sequence number of the newest entry (0 when there is none). */
    long lastSeq();
}
