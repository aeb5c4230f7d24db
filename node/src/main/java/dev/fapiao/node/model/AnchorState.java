package dev.fapiao.node.model;

import java.time.Instant;

/**
 * Where an invoice stands in anchoring on the ledger. {@code txId}, {@code blockNumber}
 * (-1 when unknown), {@code commitTime} and {@code lastError} may be null until known.
 */
public record AnchorState(
        Phase phase,
        String txId,
        long blockNumber,
        Instant commitTime,
        int attempts,
        String lastError,
        Instant updatedAt) {

    public enum Phase { PENDING, SUBMITTED, ANCHORED, FAILED }

    public static AnchorState pending(Instant at) {
        return new AnchorState(Phase.PENDING, null, -1, null, 0, null, at);
    }
}
