package dev.fapiao.node.anchor;

import java.time.Duration;

/**
 * Batching and concurrency of the anchoring pipeline.
 *
 * @param batchSize   invoices per transaction, 1–500 (the chaincode's limit)
 * @param batchAge    a partial batch is sent once its oldest item waited this long
 * @param maxInFlight batches endorsed/ordered/committing at the same time
 * @param retryBase   first backoff after a ledger error; doubles up to {@code retryMax}
 */
public record AnchoringSettings(int batchSize, Duration batchAge, int maxInFlight, Duration retryBase, Duration retryMax) {

    public AnchoringSettings {
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("batchSize must be 1..500");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
    }
}
