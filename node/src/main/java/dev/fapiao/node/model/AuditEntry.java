package dev.fapiao.node.model;

import java.time.Instant;

/**
 * One entry of the append-only audit log. {@code detail} may be null; {@code requestId} and
 * {@code tokenId} (the bearer token's {@code jti}) are those of the request that caused it, null
 * for the node's own work and for entries written before they were recorded.
 */
public record AuditEntry(long seq, Instant time, String actor, String action, String target, String detail,
                         String requestId, String tokenId) {

    public AuditEntry(long seq, Instant time, String actor, String action, String target, String detail) {
        this(seq, time, actor, action, target, detail, null, null);
    }
}
