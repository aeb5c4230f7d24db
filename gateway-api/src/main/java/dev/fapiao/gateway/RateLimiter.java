package dev.fapiao.gateway;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (JWT subject, or client address): {@code burst} requests at once, refilled at
 * {@code perSecond}. {@link #acquire} returns 0 when allowed, else the seconds to wait.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** Past this many clients, buckets that have refilled completely are dropped (they equal a new one). */
    static final int MAX_CLIENTS = 100_000;

    public long acquire(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) {
            long full = (long) Math.ceil(burst / perSecond * 1e9);
            buckets.values().removeIf(b -> nowNanos - b.at >= full);
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.at) / 1e9 * perSecond);
            b.at = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }
}
