package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private static final long MAX = 1000;

    @TempDir
    Path dir;

    private Archive open() {
        return Archive.open(ArchiveOptions.builder(dir).memoryBudgetBytes(16L << 20).build());
    }

    @Test
    void aNonceIsRecordedOnceAndAReplayWithinItsLifeIsRefused() {
        try (Archive a = open()) {
            NonceStore s = a.nonces();
            assertEquals(NonceStore.Outcome.RECORDED, s.record("key-1", "n1", T0.plusSeconds(300), T0, MAX));
            assertEquals(NonceStore.Outcome.REPLAY, s.record("key-1", "n1", T0.plusSeconds(300), T0.plusSeconds(299), MAX));
            // the same nonce of another key is another nonce
            assertEquals(NonceStore.Outcome.RECORDED, s.record("key-2", "n1", T0.plusSeconds(300), T0, MAX));
            assertEquals(2, s.size());
        }
    }

    @Test
    void aRestartDoesNotForgetANonce() {
        try (Archive a = open()) {
            a.nonces().record("key-1", "n1", T0.plusSeconds(300), T0, MAX);
        }
        try (Archive a = open()) {
            assertEquals(NonceStore.Outcome.REPLAY, a.nonces().record("key-1", "n1", T0.plusSeconds(300),
                    T0.plusSeconds(10), MAX));
        }
    }

    @Test
    void expiredNoncesArePrunedByTimeAndTheCountFollows() {
        try (Archive a = open()) {
            NonceStore s = a.nonces();
            for (int i = 0; i < 10; i++) {
                s.record("k", "early-" + i, T0.plusSeconds(100 + i), T0, MAX);
            }
            for (int i = 0; i < 5; i++) {
                s.record("k", "late-" + i, T0.plusSeconds(1000), T0, MAX);
            }
            assertEquals(15, s.size());
            assertEquals(0, s.prune(T0.plusSeconds(99)));
            assertEquals(10, s.prune(T0.plusSeconds(200)));
            assertEquals(5, s.size());
            // a pruned nonce is gone: it can be recorded again (its request would be outside the window anyway)
            assertEquals(NonceStore.Outcome.RECORDED, s.record("k", "early-0", T0.plusSeconds(500), T0.plusSeconds(200), MAX));
            assertEquals(NonceStore.Outcome.REPLAY, s.record("k", "late-0", T0.plusSeconds(1000), T0.plusSeconds(200), MAX));
            assertEquals(6, s.size());
        }
    }

    @Test
    void theStoreIsBoundedAndRefusesPastItsMaximumUntilEntriesExpire() {
        try (Archive a = open()) {
            NonceStore s = a.nonces();
            for (int i = 0; i < 3; i++) {
                assertEquals(NonceStore.Outcome.RECORDED, s.record("k", "n" + i, T0.plusSeconds(300), T0, 3));
            }
            assertEquals(NonceStore.Outcome.FULL, s.record("k", "n3", T0.plusSeconds(300), T0, 3));
            assertEquals(3, s.size());
            // once the first ones expire, recording prunes them first and accepts the new nonce
            assertEquals(NonceStore.Outcome.RECORDED, s.record("k", "n3", T0.plusSeconds(700), T0.plusSeconds(301), 3));
            assertEquals(1, s.size());
        }
    }
}
