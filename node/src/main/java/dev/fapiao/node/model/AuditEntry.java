package dev.fapiao.node.model;

import java.time.Instant;

/** One entry of the append-only audit log. {@code detail} may be null. */
public record AuditEntry(long seq, Instant time, String actor, String action, String target, String detail) {}
