package dev.fapiao.node.service;

import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long audit entries stay (the one place of the rule; docs/archive.md, "Audit trail").
 * {@code retentionDays} 0, the default: as long as the invoice an entry concerns: once it is disposed
 * and the entry is six months old; an entry about no archived invoice stays {@code defaultYears}
 * (the invoices' own default retention). Otherwise every entry stays {@code retentionDays} (at
 * least six months). Entries recording an invoice's arrival are never pruned ({@code AuditLog#prune}).
 */
public record AuditRetention(int retentionDays, int defaultYears) {

    static final Duration MIN_AGE = Duration.ofDays(NodeConfig.MIN_AUDIT_RETENTION_DAYS);

    public AuditRetention {
        if (retentionDays != 0 && retentionDays < NodeConfig.MIN_AUDIT_RETENTION_DAYS) {
            throw new IllegalArgumentException("audit entries are kept at least "
                    + NodeConfig.MIN_AUDIT_RETENTION_DAYS + " days");
        }
    }

    public static AuditRetention of(NodeConfig config) {
        return new AuditRetention(config.audit().retentionDays(), config.retention().defaultYears());
    }

    /** True when {@code entry} may be removed at {@code now}; {@code concerned} is the archived invoice it names. */
    public boolean expired(AuditEntry entry, Optional<ArchivedInvoice> concerned, Instant now) {
        Instant time = entry.time();
        if (time.plus(MIN_AGE).isAfter(now)) {
            return false;
        }
        if (retentionDays > 0) {
            return !time.plus(Duration.ofDays(retentionDays)).isAfter(now);
        }
        if (concerned.isPresent()) {
            return concerned.get().disposed();
        }
        return !time.atOffset(ZoneOffset.UTC).plusYears(defaultYears).toInstant().isAfter(now);
    }
}
