package dev.fapiao.node.runtime;

import dev.fapiao.node.archive.AuditLog;
import dev.fapiao.node.service.AuditRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's slow housekeeping, a minute after start and then every interval: prunes the audit
 * log by {@link AuditRetention}, and takes the space of disposed documents off the disk.
 */
final class ArchiveMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArchiveMaintenance.class);

    private final AuditLog audit;
    private final AuditRetention retention;
    private final LongSupplier reclaimDeletedDocuments;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "archive-maintenance");
        t.setDaemon(true);
        return t;
    });

    /** @param reclaimDeletedDocuments {@code Archive::reclaimDeletedDocuments}: how many it covered */
    ArchiveMaintenance(AuditLog audit, AuditRetention retention, LongSupplier reclaimDeletedDocuments, Clock clock) {
        this.audit = audit;
        this.retention = retention;
        this.reclaimDeletedDocuments = reclaimDeletedDocuments;
        this.clock = clock;
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runOnce, 60, interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** One pass; returns how many audit entries went. */
    long runOnce() {
        long removed = 0;
        try {
            var now = clock.instant();
            removed = audit.prune((e, inv) -> retention.expired(e, inv, now));
            if (removed > 0) {
                log.info("audit log: {} entries past their retention removed", removed);
            }
        } catch (RuntimeException e) {
            log.warn("audit log pruning failed (next pass retries): {}", e.getMessage());
        }
        try {
            long reclaimed = reclaimDeletedDocuments.getAsLong();
            if (reclaimed > 0) {
                log.info("archive: the space of {} disposed documents reclaimed", reclaimed);
            }
        } catch (RuntimeException e) {
            log.warn("reclaiming disposed documents' space failed (next pass retries): {}", e.getMessage());
        }
        return removed;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
