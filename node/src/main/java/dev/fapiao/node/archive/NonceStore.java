package dev.fapiao.node.archive;

import java.time.Instant;

/**
 * The nonces of signed API requests seen within the replay window (the {@code nonces} column
 * family), each remembered until it expires. Bounded: past {@code maxEntries} live entries a new
 * nonce is refused ({@link Outcome#FULL}) rather than stored. Writes are durable on return, so a
 * nonce recorded before a request acts stays recorded across a restart.
 */
public interface NonceStore {

    enum Outcome {
        /** First sighting: now recorded until its expiry. */
        RECORDED,
        /** Seen before and not yet expired: a replay. */
        REPLAY,
        /** The store holds {@code maxEntries} live nonces: nothing recorded. */
        FULL
    }

    /**
     * Records {@code nonce} of {@code scope} (the signing key) until {@code expiresAt}, unless it is
     * recorded already; prunes a few expired entries first. Atomic with respect to other calls.
     */
    Outcome record(String scope, String nonce, Instant expiresAt, Instant now, long maxEntries);

    /** Deletes every entry expired at {@code now}; returns how many. */
    long prune(Instant now);

    /** Live and not yet pruned entries. */
    long size();
}
