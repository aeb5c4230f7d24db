package dev.fapiao.node.anomaly;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link AnomalyDetector} over running statistics per issuer (arrival times, log-amount mean and variance). */
final class IssuerStatsDetector implements AnomalyDetector {
    /** Floor of the log10 standard deviation: an issuer with near-constant amounts is not flagged for cents. */
    static final double MIN_LOG_STDDEV = 0.05;

    private final AnomalyRules rules;
    private final Map<String, IssuerStats> issuers = new ConcurrentHashMap<>();
    private final Map<AnomalyKind, AtomicLong> counts = new EnumMap<>(AnomalyKind.class);

    IssuerStatsDetector(AnomalyRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        for (AnomalyKind k : AnomalyKind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    @Override
    public List<Flag> observe(Observation o) {
        if (!rules.enabled()) {
            return List.of();
        }
        List<Flag> flags = new ArrayList<>();
        IssuerStats stats = issuers.computeIfAbsent(o.issuer(), k -> new IssuerStats(o.receivedAt()));
        synchronized (stats) {
            burst(stats, o, flags);
            amount(stats, o, flags);
            redLetter(stats, o, flags);
        }
        issueTime(o, flags);
        if (o.documentArchived()) {
            flags.add(new Flag(AnomalyKind.DUPLICATE_DOCUMENT,
                    "the same document bytes are already archived under another invoice id"));
        }
        flags.forEach(f -> counts.get(f.kind()).incrementAndGet());
        return List.copyOf(flags);
    }

    @Override
    public Map<AnomalyKind, Long> counts() {
        Map<AnomalyKind, Long> out = new EnumMap<>(AnomalyKind.class);
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void burst(IssuerStats s, Observation o, List<Flag> flags) {
        Instant now = o.receivedAt();
        Duration window = rules.burstWindow();
        while (!s.recent.isEmpty() && !s.recent.peekFirst().isAfter(now.minus(window))) {
            s.recent.pollFirst();
        }
        s.recent.addLast(now);
        s.total++;
        Duration history = Duration.between(s.firstSeen, now);
        if (history.compareTo(rules.burstMinHistory()) < 0) {
            return;
        }
        // the usual rate: what arrived before this window, over the time before it
        double before = s.total - s.recent.size();
        double beforeSeconds = Math.max(history.minus(window).toMillis() / 1000.0, window.toMillis() / 1000.0);
        double expected = before / beforeSeconds * (window.toMillis() / 1000.0);
        int inWindow = s.recent.size();
        if (inWindow >= rules.burstMinCount() && inWindow > rules.burstFactor() * expected) {
            flags.add(new Flag(AnomalyKind.BURST, String.format(java.util.Locale.ROOT,
                    "%d submissions in %ds, usual %.2f (more than %.0f times)", inWindow, window.toSeconds(),
                    expected, rules.burstFactor())));
        }
    }

    private void amount(IssuerStats s, Observation o, List<Flag> flags) {
        double x = Math.log10(Math.max(o.amount().abs().doubleValue(), 0.01));
        if (s.amounts >= rules.amountMinSamples()) {
            double sd = Math.max(Math.sqrt(s.m2 / (s.amounts - 1)), MIN_LOG_STDDEV);
            double z = (x - s.mean) / sd;
            if (Math.abs(z) > rules.amountMaxZ()) {
                flags.add(new Flag(AnomalyKind.AMOUNT_OUTLIER, String.format(java.util.Locale.ROOT,
                        "amount %s is %.1f standard deviations from the issuer's usual %s (log scale, %d invoices)",
                        o.amount().toPlainString(), z, BigDecimal.valueOf(Math.pow(10, s.mean))
                                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), s.amounts)));
            }
        }
        s.amounts++; // Welford's running mean and variance
        double d = x - s.mean;
        s.mean += d / s.amounts;
        s.m2 += d * (x - s.mean);
    }

    private void redLetter(IssuerStats s, Observation o, List<Flag> flags) {
        s.issued++;
        if (!o.redLetter()) {
            return;
        }
        s.reversals++;
        double share = (double) s.reversals / s.issued;
        if (s.issued >= rules.redLetterMinIssued() && share > rules.redLetterMaxShare()) {
            flags.add(new Flag(AnomalyKind.RED_LETTER_SHARE, String.format(java.util.Locale.ROOT,
                    "%d red-letter reversals of %d invoices (%.1f%%, above %.1f%%)", s.reversals, s.issued,
                    share * 100, rules.redLetterMaxShare() * 100)));
        }
    }

    private void issueTime(Observation o, List<Flag> flags) {
        if (o.issueTime().isAfter(o.receivedAt().plus(rules.clockSkew()))) {
            flags.add(new Flag(AnomalyKind.FUTURE_ISSUE_TIME, "issued " + o.issueTime() + ", received " + o.receivedAt()
                    + ": more than " + rules.clockSkew().toSeconds() + " s ahead"));
        } else if (o.issueTime().isBefore(o.receivedAt().minus(rules.maxAge()))) {
            flags.add(new Flag(AnomalyKind.PAST_ISSUE_TIME, "issued " + o.issueTime() + ", received " + o.receivedAt()
                    + ": older than " + rules.maxAge().toDays() + " days"));
        }
    }

    /** One issuer's running statistics; guarded by its own monitor. */
    private static final class IssuerStats {
        final Instant firstSeen;
        final ArrayDeque<Instant> recent = new ArrayDeque<>();
        long total;
        long amounts;
        double mean;
        double m2;
        long issued;
        long reversals;

        IssuerStats(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }
}
