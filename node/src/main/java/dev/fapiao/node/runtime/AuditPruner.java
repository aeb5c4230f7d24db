package dev.fapiao.node.runtime;

import dev.fapiao.node.archive.AuditLog;
import dev.fapiao.node.service.AuditRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prunes the audit log by {@link AuditRetention} a minute after start and then every interval. */
final class AuditPruner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditPruner.class);

    private final AuditLog audit;
    private final AuditRetention retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-pruner");
        t.setDaemon(true);
        return t;
    });

    AuditPruner(AuditLog audit, AuditRetention retention, Clock clock) {
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runOnce, 60, interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** One pass; returns how many entries went. */
    long runOnce() {
        try {
            var now = clock.instant();
            long removed = audit.prune((e, inv) -> retention.expired(e, inv, now));
            if (removed > 0) {
                log.info("audit log: {} entries past their retention removed", removed);
            }
            return removed;
        } catch (RuntimeException e) {
            log.warn("audit log pruning failed (next pass retries): {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
