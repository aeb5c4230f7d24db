package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Samples of the anchoring pipeline's committed-invoice counter (one every {@link #INTERVAL_MILLIS},
 * the newest hour kept) and the rate between consecutive samples: the operator view's "committed
 * invoices per second over the last hour". In memory: it starts empty when the gateway starts.
 */
final class CommitHistory {

    static final long INTERVAL_MILLIS = 10_000;
    static final int SAMPLES = 361;

    private final long[] times = new long[SAMPLES];
    private final long[] counts = new long[SAMPLES];
    private int next;
    private int size;

    /** Records the cumulative count of committed invoices at {@code epochMillis}. */
    synchronized void record(long epochMillis, long committed) {
        times[next] = epochMillis;
        counts[next] = committed;
        next = (next + 1) % SAMPLES;
        size = Math.min(size + 1, SAMPLES);
    }

    /**
     * One point per pair of consecutive samples within the hour before {@code nowMillis}, oldest
     * first: {@code {"end": epoch millis, "perSecond": rate}}.
     */
    synchronized ArrayNode series(long nowMillis) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int k = size - 1; k >= 1; k--) {
            int cur = index(k - 1);
            int prev = index(k);
            long dt = times[cur] - times[prev];
            if (times[cur] < nowMillis - 3_600_000L || dt <= 0) {
                continue;
            }
            double rate = Math.max(0, counts[cur] - counts[prev]) * 1000.0 / dt;
            out.addObject().put("end", times[cur]).put("perSecond", Math.round(rate * 1000) / 1000.0);
        }
        return out;
    }

    /** The sample {@code back} places before the newest (0: the newest). */
    private int index(int back) {
        return Math.floorMod(next - 1 - back, SAMPLES);
    }
}
