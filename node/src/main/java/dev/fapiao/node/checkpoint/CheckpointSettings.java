package dev.fapiao.node.checkpoint;

import java.time.Duration;

/**
 * When the {@link Checkpointer} anchors: after {@code interval} since the last checkpoint, or once
 * {@code maxLeaves} leaves are unanchored, whichever comes first (never without new leaves). It
 * looks for new archive entries every {@code poll} (and when woken), and retries ledger errors with
 * exponential backoff from {@code retryBase} to {@code retryMax}.
 */
public record CheckpointSettings(Duration interval, long maxLeaves, Duration poll, Duration retryBase,
                                 Duration retryMax) {

    public CheckpointSettings {
        if (interval.isNegative() || interval.isZero() || maxLeaves < 1 || poll.isNegative() || poll.isZero()
                || retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("invalid checkpoint settings " + this);
        }
    }

    /** The defaults of node-defaults.yaml: 60 s or 10,000 leaves. */
    public static CheckpointSettings defaults() {
        return new CheckpointSettings(Duration.ofSeconds(60), 10_000, Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
