package dev.fapiao.node.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Generated traffic: each rule tripped by the pattern it is for, and a normal day that trips none. */
class AnomalyDetectorTest {
    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    private final AnomalyRules rules = AnomalyRules.defaults();
    private int seq;

    private Observation obs(String issuer, double amount, Instant received, Instant issued, boolean red, boolean dup) {
        return new Observation(issuer, issuer + String.format("%020d", ++seq),
                BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP), issued, received, red, dup);
    }

    private Observation usual(String issuer, Random r, Instant received) {
        return obs(issuer, Math.pow(10, 3 + 0.3 * r.nextGaussian()), received,
                received.minusSeconds(r.nextInt(2 * 86_400)), false, false);
    }

    /** {@code n} usual submissions of one issuer, one per {@code every}, from {@code start}; returns the flags raised. */
    private List<Flag> history(AnomalyDetector d, String issuer, Random r, Instant start, Duration every, int n) {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flags.addAll(d.observe(usual(issuer, r, start.plus(every.multipliedBy(i)))));
        }
        return flags;
    }

    private static List<AnomalyKind> kinds(List<Flag> flags) {
        return flags.stream().map(Flag::kind).distinct().toList();
    }

    @Test
    void aBurstFarAboveTheIssuersUsualRateIsFlagged() {
        AnomalyDetector d = AnomalyDetector.create(rules);
        Random r = new Random(1);
        assertEquals(List.of(), history(d, "A", r, DAY, Duration.ofMinutes(1), 120), "two hours at one a minute");
        Instant t = DAY.plus(Duration.ofMinutes(121));
        List<Flag> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            burst.addAll(d.observe(usual("A", r, t.plusMillis(500L * i))));
        }
        assertEquals(List.of(AnomalyKind.BURST), kinds(burst));
        assertTrue(burst.get(0).detail().contains("submissions in 60s"), burst.get(0).detail());
        // a new issuer has no usual rate yet: its first hour is not judged
        assertEquals(List.of(), kinds(history(d, "B", r, t, Duration.ofMillis(200), 60)));
    }

    @Test
    void anAmountFarOutsideTheIssuersDistributionIsFlagged() {
        AnomalyDetector d = AnomalyDetector.create(rules);
        Random r = new Random(2);
        history(d, "A", r, DAY, Duration.ofMinutes(10), 100);
        Instant t = DAY.plus(Duration.ofDays(1));
        List<Flag> big = d.observe(obs("A", 90_000_000, t, t.minusSeconds(60), false, false));
        assertEquals(List.of(AnomalyKind.AMOUNT_OUTLIER), kinds(big));
        assertTrue(big.get(0).detail().startsWith("amount 90000000.00 is "), big.get(0).detail());
        assertEquals(List.of(), d.observe(obs("A", 1_500, t.plusSeconds(60), t, false, false)), "a usual amount");
    }

    @Test
    void issueTimesBeyondTheClockSkewOrTooOldAreFlagged() {
        AnomalyDetector d = AnomalyDetector.create(rules);
        assertEquals(List.of(AnomalyKind.FUTURE_ISSUE_TIME),
                kinds(d.observe(obs("A", 100, DAY, DAY.plus(Duration.ofMinutes(10)), false, false))));
        assertEquals(List.of(), d.observe(obs("A", 100, DAY, DAY.plus(Duration.ofMinutes(4)), false, false)));
        assertEquals(List.of(AnomalyKind.PAST_ISSUE_TIME),
                kinds(d.observe(obs("A", 100, DAY, DAY.minus(Duration.ofDays(400)), false, false))));
    }

    @Test
    void theSameDocumentUnderAnotherIdAndRedLettersAboveTheirShareAreFlagged() {
        AnomalyDetector d = AnomalyDetector.create(rules);
        assertEquals(List.of(AnomalyKind.DUPLICATE_DOCUMENT), kinds(d.observe(obs("A", 100, DAY, DAY, false, true))));
        Random r = new Random(3);
        history(d, "R", r, DAY, Duration.ofMinutes(5), 60);
        List<Flag> reds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant t = DAY.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(5L * i));
            reds.addAll(d.observe(obs("R", -Math.pow(10, 3 + 0.3 * r.nextGaussian()), t, t, true, false)));
        }
        assertEquals(List.of(AnomalyKind.RED_LETTER_SHARE), kinds(reds));
        assertTrue(reds.get(0).detail().contains("above 20.0%"), reds.get(0).detail());
        Map<AnomalyKind, Long> counts = d.counts();
        assertEquals(1, counts.get(AnomalyKind.DUPLICATE_DOCUMENT));
        assertEquals(reds.size(), counts.get(AnomalyKind.RED_LETTER_SHARE));
        assertEquals(0, counts.get(AnomalyKind.BURST));
    }

    @Test
    void disabledRulesFlagNothing() {
        AnomalyRules off = new AnomalyRules(false, rules.burstWindow(), rules.burstFactor(), rules.burstMinCount(),
                rules.burstMinHistory(), rules.amountMinSamples(), rules.amountMaxZ(), rules.clockSkew(), rules.maxAge(),
                rules.redLetterMinIssued(), rules.redLetterMaxShare());
        assertEquals(List.of(), AnomalyDetector.create(off).observe(obs("A", 1, DAY, DAY.plus(Duration.ofDays(1)), true, true)));
    }

    /**
     * A normal day: 40 issuers, each at its own rate (one per 1 to 20 minutes, Poisson arrivals, busier
     * 09:00–18:00 CST), log-normal amounts around its own median, issue times up to two days before arrival
     * and up to a minute after (client clocks), 2 % red-letter reversals, no repeated documents.
     */
    @Test
    void aNormalDayTripsNoRule() {
        List<Observation> day = normalDay(new Random(20261123));
        Map<AnomalyKind, Integer> flagged = flags(day);
        int flags = flagged.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("normal day: %d submissions of 40 issuers, %d flags (false-positive rate %.4f%%) %s%n",
                day.size(), flags, 100.0 * flags / day.size(), flagged);
        assertTrue(day.size() > 5_000, "a day's traffic: " + day.size());
        assertEquals(Map.of(), flagged, "no rule trips on a normal day");
    }

    /** Twenty more normal days (other seeds), each on a fresh detector: the measured false-positive rate. */
    @Test
    void twentyNormalDaysStayBelowOneFlagInTenThousand() {
        long submissions = 0;
        Map<AnomalyKind, Integer> all = new EnumMap<>(AnomalyKind.class);
        for (int seed = 1; seed <= 20; seed++) {
            List<Observation> day = normalDay(new Random(seed));
            submissions += day.size();
            flags(day).forEach((k, v) -> all.merge(k, v, Integer::sum));
        }
        int flags = all.values().stream().mapToInt(Integer::intValue).sum();
        double rate = (double) flags / submissions;
        System.out.printf("20 normal days: %d submissions, %d flags (false-positive rate %.4f%%) %s%n",
                submissions, flags, 100 * rate, all);
        assertTrue(rate < 1e-4, "false-positive rate " + rate + " " + all);
    }

    private Map<AnomalyKind, Integer> flags(List<Observation> day) {
        AnomalyDetector d = AnomalyDetector.create(rules);
        Map<AnomalyKind, Integer> flagged = new EnumMap<>(AnomalyKind.class);
        for (Observation o : day) {
            d.observe(o).forEach(f -> flagged.merge(f.kind(), 1, Integer::sum));
        }
        return flagged;
    }

    private List<Observation> normalDay(Random r) {
        List<Observation> day = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String issuer = "I" + i;
            double meanGapSeconds = 60 + r.nextInt(19 * 60);
            double median = 1 + 3 * r.nextDouble();
            double spread = 0.2 + 0.3 * r.nextDouble();
            double t = r.nextDouble() * meanGapSeconds;
            while (t < 86_400) {
                Instant received = DAY.plusMillis((long) (t * 1000));
                int cstHour = (int) ((t / 3600 + 8) % 24);
                boolean busy = cstHour >= 9 && cstHour < 18;
                double amount = Math.pow(10, median + spread * r.nextGaussian());
                boolean red = r.nextDouble() < 0.02;
                Instant issued = received.minusSeconds(r.nextInt(2 * 86_400)).plusSeconds(r.nextInt(60));
                day.add(obs(issuer, red ? -amount : amount, received, issued, red, false));
                t += -Math.log(1 - r.nextDouble()) * meanGapSeconds / (busy ? 2 : 1);
            }
        }
        day.sort(Comparator.comparing(Observation::receivedAt));
        return day;
    }
}
