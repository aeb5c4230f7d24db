package dev.fapiao.node.anomaly;

import java.time.Duration;

/**
 * The thresholds of the rules (configuration section {@code anomaly}, docs/documents.md).
 *
 * @param enabled            false: nothing is flagged
 * @param burstWindow        the window a burst is counted in
 * @param burstFactor        a burst is more than this many times the submissions the issuer's usual rate
 *                           predicts for the window…
 * @param burstMinCount      …and at least this many in the window
 * @param burstMinHistory    an issuer seen for less than this has no usual rate yet (no burst flag)
 * @param amountMinSamples   amounts seen before the distribution is used
 * @param amountMaxZ         flag when |z| of log10(amount) exceeds this
 * @param clockSkew          allowed lead of the issue time over the arrival
 * @param maxAge             flag an issue time older than this at arrival
 * @param redLetterMinIssued invoices of the issuer before the red-letter share is judged
 * @param redLetterMaxShare  flag a reversal when reversals exceed this share of the issuer's invoices
 */
public record AnomalyRules(boolean enabled, Duration burstWindow, double burstFactor, int burstMinCount,
        Duration burstMinHistory, int amountMinSamples, double amountMaxZ, Duration clockSkew, Duration maxAge,
        int redLetterMinIssued, double redLetterMaxShare) {

    public AnomalyRules {
        if (burstWindow.isZero() || burstWindow.isNegative() || burstFactor <= 1 || burstMinCount < 1
                || amountMinSamples < 2 || amountMaxZ <= 0 || clockSkew.isNegative() || maxAge.isNegative()
                || redLetterMinIssued < 1 || redLetterMaxShare <= 0 || redLetterMaxShare >= 1) {
            throw new IllegalArgumentException("anomaly rules out of range (window and factor > 0/1, counts >= 1, "
                    + "amountMinSamples >= 2, 0 < redLetterMaxShare < 1)");
        }
    }

    /** The defaults of node-defaults.yaml. */
    public static AnomalyRules defaults() {
        return new AnomalyRules(true, Duration.ofMinutes(1), 10, 30, Duration.ofHours(1), 50, 4.5,
                Duration.ofMinutes(5), Duration.ofDays(365), 50, 0.2);
    }
}
