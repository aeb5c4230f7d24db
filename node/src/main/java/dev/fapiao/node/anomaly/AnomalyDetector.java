package dev.fapiao.node.anomaly;

import java.util.List;
import java.util.Map;

/**
 * Flags unusual submissions per issuer. Thread-safe; state is in memory (it relearns each issuer's
 * usual rate and amounts after a restart: see docs/decisions.md).
 */
public interface AnomalyDetector {

    /** The flags for a new submission (empty when none), and learns from it. */
    List<Flag> observe(Observation observation);

    /** Flags raised so far, by kind (every kind present). */
    Map<AnomalyKind, Long> counts();

    static AnomalyDetector create(AnomalyRules rules) {
        return new IssuerStatsDetector(rules);
    }
}
