package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.Origin;

import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/** The archive's append-only audit log, in sequence order (1, 2, ...). */
public interface AuditLog {

    /** Appends an audit entry of the node's own work; returns its sequence number. Durable on return. */
    default long append(String actor, String action, String target, String detail) {
        return append(actor, action, target, detail, Origin.NONE);
    }

    /** Appends an audit entry caused by the request {@code origin}; returns its sequence number. Durable on return. */
    long append(String actor, String action, String target, String detail, Origin origin);

    /** Audit entries with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<AuditEntry> read(long afterSeq, int limit);

    /** The sequence number of the newest entry (0 when there is none). */
    long lastSeq();

    /**
     * Removes the entries {@code expired} says may go, given the archived invoice the entry's target
     * names (empty when it names none). Entries recording an archived invoice's arrival ({@code PUT},
     * the Merkle log's feed) are never removed. Returns how many were removed.
     */
    long prune(BiPredicate<AuditEntry, Optional<ArchivedInvoice>> expired);
}
