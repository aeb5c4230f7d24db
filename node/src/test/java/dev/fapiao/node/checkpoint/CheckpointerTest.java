package dev.fapiao.node.checkpoint;

import dev.fapiao.node.ledger.LedgerCheckpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.CheckpointLedger;
import dev.fapiao.node.ledger.Committed;
import dev.fapiao.node.ledger.LedgerCheckpoint;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.seal.CheckpointEncoding;
import dev.fapiao.node.seal.Sealer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    static final HexFormat HEX = HexFormat.of();

    /** A mutable clock. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** The chaincode's rules (signature, no going backwards, SM3 consistency) in memory. */
    static final class FakeLedger implements CheckpointLedger {
        final Sm2Verifier verifier;
        LedgerCheckpoint latest;
        final List<LedgerCheckpoint> history = new ArrayList<>();
        final List<List<String>> proofs = new ArrayList<>();
        int failLatest;
        int failNext;
        int calls;
        int block = 100;

        FakeLedger(Sealer sealer) {
            this.verifier = Sm2Verifier.of(sealer.publicKey());
        }

        @Override
        public Optional<LedgerCheckpoint> latestCheckpoint(String nodeId) throws LedgerUnavailableException {
            if (failLatest > 0) {
                failLatest--;
                throw new LedgerUnavailableException("peer down", null);
            }
            return Optional.ofNullable(latest);
        }

        @Override
        public synchronized Committed anchorCheckpoint(String nodeId, long treeSize, String rootHash, String signature,
                                                       List<String> proof)
                throws ChaincodeRefusedException, LedgerUnavailableException {
            calls++;
            if (failNext > 0) {
                failNext--;
                throw new LedgerUnavailableException("orderer down", null);
            }
            if (!verifier.verify(CheckpointEncoding.encode(nodeId, treeSize, HEX.parseHex(rootHash)),
                    Base64.getDecoder().decode(signature))) {
                throw new ChaincodeRefusedException("INVALID_SIGNATURE", "INVALID_SIGNATURE: bad");
            }
            if (latest == null || latest.treeSize() == 0) {
                if (!proof.isEmpty()) {
                    throw new ChaincodeRefusedException("INVALID_ARGUMENT", "INVALID_ARGUMENT: proof");
                }
            } else {
                if (treeSize < latest.treeSize()) {
                    throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: backwards");
                }
                try {
                    ProofVerifier.verifyConsistency(Sm3Hasher.INSTANCE, latest.treeSize(), treeSize,
                            proof.stream().map(HEX::parseHex).toList(), HEX.parseHex(latest.rootHash()),
                            HEX.parseHex(rootHash));
                } catch (ProofException e) {
                    throw new ChaincodeRefusedException("CONFLICT", "CONFLICT: " + e.getMessage());
                }
            }
            latest = new LedgerCheckpoint(treeSize, rootHash);
            history.add(latest);
            proofs.add(proof);
            return new Committed("tx" + history.size(), ++block);
        }
    }

    @TempDir
    Path dir;
    Archive archive;
    ArchiveLog log;
    final Sealer sealer = new Sealer(Sm2KeyPair.generate().privateKey());
    final TestClock clock = new TestClock();
    FakeLedger ledger;

    @BeforeEach
    void open() {
        archive = TestArchives.open(dir.resolve("archive"));
        log = ArchiveLog.open(dir.resolve("merkle"), archive.feed());
        ledger = new FakeLedger(sealer);
    }

    @AfterEach
    void close() {
        log.close();
        archive.close();
    }

    Checkpointer checkpointer(Duration interval, long maxLeaves) {
        return new Checkpointer("node-1", log, sealer, ledger,
                new CheckpointSettings(interval, maxLeaves, Duration.ofMillis(20), Duration.ofSeconds(1),
                        Duration.ofSeconds(8)), clock);
    }

    @Test
    void anchorsOnIntervalWithConsistencyProofs() {
        Checkpointer cp = checkpointer(Duration.ofSeconds(60), 10_000);
        cp.step();
        assertEquals(0, ledger.calls, "nothing to anchor");
        TestArchives.put(archive, 0, 5);
        cp.step();
        assertEquals(0, ledger.calls, "interval not reached");
        clock.advance(Duration.ofSeconds(60));
        cp.step();
        assertEquals(1, ledger.calls);
        assertEquals(new LedgerCheckpoint(5, HEX.formatHex(log.root())), ledger.latest);
        assertEquals(List.of(), ledger.proofs.get(0), "first checkpoint: empty proof");
        clock.advance(Duration.ofSeconds(120));
        cp.step();
        assertEquals(1, ledger.calls, "no new leaves: no checkpoint");
        TestArchives.put(archive, 5, 12);
        cp.step();
        assertEquals(2, ledger.calls, "interval already passed since the last one");
        assertEquals(12, ledger.latest.treeSize());
        assertTrue(!ledger.proofs.get(1).isEmpty());
        assertEquals(List.of(5L, 12L), log.anchored().stream().map(AnchoredCheckpoint::treeSize).toList());
        AnchoredCheckpoint last = cp.lastAnchored().orElseThrow();
        assertEquals("tx2", last.txId());
        assertEquals(102, last.blockNumber());
        assertEquals(clock.now, last.recordedAt());
        assertNull(cp.lastError());
    }

    @Test
    void anchorsEarlyAtMaxLeaves() {
        Checkpointer cp = checkpointer(Duration.ofHours(1), 4);
        TestArchives.put(archive, 0, 3);
        cp.step();
        assertEquals(0, ledger.calls);
        TestArchives.put(archive, 3, 4);
        cp.step();
        assertEquals(4, ledger.latest.treeSize());
        TestArchives.put(archive, 4, 7);
        cp.step();
        assertEquals(4, ledger.latest.treeSize());
        TestArchives.put(archive, 7, 8);
        cp.step();
        assertEquals(8, ledger.latest.treeSize());
    }

    @Test
    void retriesLedgerErrorsWithBackoff() {
        Checkpointer cp = checkpointer(Duration.ofSeconds(1), 10_000);
        TestArchives.put(archive, 0, 3);
        clock.advance(Duration.ofSeconds(1));
        ledger.failLatest = 1;
        ledger.failNext = 2;
        cp.step(); // getCheckpoint fails: retry in 1 s
        assertNotNull(cp.lastError());
        cp.step();
        assertEquals(0, ledger.calls, "waits for the backoff");
        clock.advance(Duration.ofSeconds(1));
        cp.step(); // reads the ledger; the first anchor attempt fails: retry in 2 s
        assertEquals(1, ledger.calls);
        clock.advance(Duration.ofSeconds(1));
        cp.step();
        assertEquals(1, ledger.calls, "backoff doubled to 2 s");
        clock.advance(Duration.ofSeconds(1));
        cp.step(); // second attempt fails: retry in 4 s
        assertEquals(2, ledger.calls);
        clock.advance(Duration.ofSeconds(4));
        cp.step();
        assertEquals(3, ledger.calls);
        assertEquals(3, ledger.latest.treeSize());
        assertNull(cp.lastError());
    }

    @Test
    void continuesFromTheLedgersCheckpointAfterARestart() {
        TestArchives.put(archive, 0, 6);
        log.catchUp();
        ledger.latest = new LedgerCheckpoint(6, HEX.formatHex(log.root())); // anchored by an earlier run
        TestArchives.put(archive, 6, 9);
        Checkpointer cp = checkpointer(Duration.ofSeconds(1), 10_000);
        clock.advance(Duration.ofSeconds(1));
        cp.step();
        assertEquals(9, ledger.latest.treeSize());
        assertEquals(log.consistencyProof(6, 9).stream().map(HEX::formatHex).toList(), ledger.proofs.get(0));
    }

    @Test
    void refusesToAnchorWhenTheLedgerIsNotAPrefixOfTheLog() {
        TestArchives.put(archive, 0, 6);
        ledger.latest = new LedgerCheckpoint(4, "00".repeat(32)); // another history
        Checkpointer cp = checkpointer(Duration.ofSeconds(1), 10_000);
        clock.advance(Duration.ofSeconds(1));
        cp.step();
        assertEquals(0, ledger.calls);
        assertTrue(cp.lastError().contains("is not a prefix of the local Merkle log"), cp.lastError());
        ledger.latest = new LedgerCheckpoint(60, "00".repeat(32)); // larger than the local log
        clock.advance(Duration.ofSeconds(10));
        cp.step();
        assertEquals(0, ledger.calls);
        assertTrue(cp.lastError().contains("only 6 leaves"), cp.lastError());
    }

    @Test
    void threadAnchorsAndStops() throws Exception {
        Checkpointer cp = new Checkpointer("node-1", log, sealer, ledger,
                new CheckpointSettings(Duration.ofMillis(50), 10_000, Duration.ofMillis(10), Duration.ofMillis(10),
                        Duration.ofMillis(100)), Clock.systemUTC());
        cp.start();
        try {
            TestArchives.put(archive, 0, 3);
            cp.wake();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ledger.latest == null || ledger.latest.treeSize() < 3) {
                assertTrue(System.nanoTime() < deadline, "no checkpoint anchored");
                Thread.sleep(10);
            }
        } finally {
            cp.close();
        }
        assertEquals(3, cp.lastAnchored().orElseThrow().treeSize());
    }
}
