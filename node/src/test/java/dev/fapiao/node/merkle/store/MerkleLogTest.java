package dev.fapiao.node.merkle.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fapiao.node.merkle.HashStrategy;
import dev.fapiao.node.merkle.MerkleTree;
import dev.fapiao.node.merkle.NodeId;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sha256Hasher;
import dev.fapiao.node.merkle.Sha3_256Hasher;
import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleLogTest {
    @TempDir
    Path tmp;

    static Stream<HashStrategy> hashers() {
        return Stream.of(Sha256Hasher.INSTANCE, Sm3Hasher.INSTANCE, Sha3_256Hasher.INSTANCE);
    }

    static byte[] leafData(long i, Random rnd) {
        byte[] extra = new byte[rnd.nextInt(24)];
        rnd.nextBytes(extra);
        return ByteBuffer.allocate(8 + extra.length).putLong(i).put(extra).array();
    }

    /** Appends {@code n} leaves in random batches to the log and to the reference list. */
    static void grow(MerkleLog log, List<byte[]> data, int n, Random rnd) {
        while (data.size() < n) {
            int batch = Math.min(n - data.size(), rnd.nextInt(4) == 0 ? 1 : 1 + rnd.nextInt(40));
            List<byte[]> leaves = new ArrayList<>();
            for (int k = 0; k < batch; k++) {
                leaves.add(leafData(data.size() + k, rnd));
            }
            long first = batch == 1 ? log.append(leaves.get(0)) : log.appendAll(leaves);
            assertEquals(data.size(), first);
            data.addAll(leaves);
            assertEquals(data.size(), log.size());
        }
    }

    /** Everything the log answers equals the literal RFC definitions over the same leaves. */
    static void assertMatchesReference(MerkleLog log, List<byte[]> data, Random rnd) throws ProofException {
        HashStrategy h = log.hasher();
        List<byte[]> leaves = MerkleTree.leafHashes(h, data);
        int n = leaves.size();
        assertEquals(n, log.size());
        assertArrayEquals(MerkleTree.rootHash(h, leaves), log.root(), "root");
        List<byte[]> roots = new ArrayList<>();
        for (int s = 0; s <= n; s++) {
            roots.add(MerkleTree.rootHash(h, leaves, s));
            assertArrayEquals(roots.get(s), log.root(s), "root(" + s + ")");
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(leaves.get(i), log.leafHash(i), "leafHash(" + i + ")");
        }
        for (int t = 0; t < 60 && n > 0; t++) {
            int size = 1 + rnd.nextInt(n);
            int index = rnd.nextInt(size);
            List<byte[]> proof = log.inclusionProof(index, size);
            assertProofEquals(MerkleTree.inclusionProof(h, leaves.subList(0, size), index), proof,
                    "inclusion " + index + "/" + size);
            ProofVerifier.verifyInclusion(h, index, size, leaves.get(index), proof, roots.get(size));

            int size2 = 1 + rnd.nextInt(n);
            int size1 = 1 + rnd.nextInt(size2);
            List<byte[]> cproof = log.consistencyProof(size1, size2);
            assertProofEquals(MerkleTree.consistencyProof(h, leaves.subList(0, size2), size1), cproof,
                    "consistency " + size1 + " -> " + size2);
            ProofVerifier.verifyConsistency(h, size1, size2, cproof, roots.get(size1), roots.get(size2));
        }
    }

    static void assertProofEquals(List<byte[]> want, List<byte[]> got, String what) {
        assertEquals(want.size(), got.size(), what + ": length");
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), what + ": element " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void inMemoryLogEqualsTreeMath(HashStrategy h) throws Exception {
        Random rnd = new Random(42 ^ h.name().hashCode());
        for (int t = 0; t < 25; t++) {
            MerkleLog log = MerkleLog.inMemory(h);
            List<byte[]> data = new ArrayList<>();
            int n = t < 5 ? t : 1 + rnd.nextInt(300);
            grow(log, data, n, rnd);
            assertMatchesReference(log, data, rnd);
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void rocksLogEqualsTreeMathAndSurvivesReopen(HashStrategy h) throws Exception {
        Random rnd = new Random(7 ^ h.name().hashCode());
        for (int t = 0; t < 4; t++) {
            Path dir = tmp.resolve(h.name() + "-" + t);
            List<byte[]> data = new ArrayList<>();
            int n1 = 1 + rnd.nextInt(250);
            byte[] rootBefore;
            try (MerkleLog log = MerkleLog.open(dir, h)) {
                assertEquals(0, log.size());
                assertArrayEquals(h.emptyRoot(), log.root());
                grow(log, data, n1, rnd);
                assertMatchesReference(log, data, rnd);
                rootBefore = log.root();
            }
            try (MerkleLog log = MerkleLog.open(dir, h)) {
                assertEquals(n1, log.size(), "size after reopen");
                assertArrayEquals(rootBefore, log.root(), "root after reopen");
                assertMatchesReference(log, data, rnd);
                grow(log, data, n1 + 1 + rnd.nextInt(200), rnd);
                assertMatchesReference(log, data, rnd);
            }
            try (MerkleLog log = MerkleLog.open(dir, h)) {
                assertMatchesReference(log, data, rnd);
            }
        }
    }

    @Test
    void refusesAStoreOfAnotherHash() {
        Path dir = tmp.resolve("sm3");
        try (MerkleLog log = MerkleLog.open(dir, Sm3Hasher.INSTANCE)) {
            log.append(new byte[] {1});
        }
        MerkleStoreException e = assertThrows(MerkleStoreException.class,
                () -> MerkleLog.open(dir, Sha256Hasher.INSTANCE));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        try (MerkleLog log = MerkleLog.open(dir, Sm3Hasher.INSTANCE)) {
            assertEquals(1, log.size());
        }
    }

    /** A store wrapper that records every node written and fails on any second write of a key. */
    static final class RecordingNodeStore implements NodeStore {
        final NodeStore inner;
        final Map<NodeId, byte[]> written = new HashMap<>();
        int batches;

        RecordingNodeStore(NodeStore inner) {
            this.inner = inner;
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public byte[] get(NodeId id) {
            return inner.get(id);
        }

        @Override
        public List<byte[]> getAll(List<NodeId> ids) {
            return inner.getAll(ids);
        }

        @Override
        public void append(long newSize, List<Node> nodes) {
            for (Node node : nodes) {
                byte[] before = written.put(node.id(), node.hash().clone());
                if (before != null) {
                    fail("node " + node.id() + " written twice" + (java.util.Arrays.equals(before, node.hash())
                            ? " (same value)" : " with a different value"));
                }
            }
            batches++;
            inner.append(newSize, nodes);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void appendOnlyAtTheStoreInterfaceAndOnDisk() throws Exception {
        HashStrategy h = Sm3Hasher.INSTANCE;
        Random rnd = new Random(2024);
        RocksNodeStore rocks = RocksNodeStore.open(tmp.resolve("append-only"), h);
        RecordingNodeStore recording = new RecordingNodeStore(rocks);
        Map<String, String> disk = new HashMap<>();
        final HexFormat hex = HexFormat.of();
        rocks.forEachRecord((k, v) -> disk.put(hex.formatHex(k), hex.formatHex(v)));
        assertEquals(1, disk.size(), "a new store holds only its header");
        List<byte[]> data = new ArrayList<>();
        try (MerkleLog log = MerkleLog.over(recording, h)) {
            for (int round = 0; round < 40; round++) {
                int before = recording.written.size();
                grow(log, data, data.size() + 1 + rnd.nextInt(16), rnd);
                // every record already on disk is still there with the same value
                Map<String, String> now = new HashMap<>();
                rocks.forEachRecord((k, v) -> now.put(hex.formatHex(k), hex.formatHex(v)));
                for (Map.Entry<String, String> e : disk.entrySet()) {
                    assertEquals(e.getValue(), now.get(e.getKey()), "record " + e.getKey() + " changed or vanished");
                }
                assertEquals(disk.size() + (recording.written.size() - before), now.size(),
                        "only the new nodes were added");
                disk.clear();
                disk.putAll(now);
            }
            int n = data.size();
            // exactly the perfect nodes of the tree: 2n - popcount(n), plus the header record
            assertEquals(2L * n - Long.bitCount(n), recording.written.size());
            assertEquals(recording.written.size() + 1, disk.size());
            assertMatchesReference(log, data, rnd);
        }
    }

    @Test
    void inMemoryStoreRefusesOverwrites() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.append(1, List.of(new NodeStore.Node(new NodeId(0, 0), new byte[32])));
        assertThrows(MerkleStoreException.class,
                () -> store.append(1, List.of(new NodeStore.Node(new NodeId(0, 0), new byte[32]))));
        assertThrows(IllegalArgumentException.class, () -> store.append(0, List.of()));
    }

    @Test
    void writesPerAppendAreLogarithmic() {
        HashStrategy h = Sha256Hasher.INSTANCE;
        RecordingNodeStore rec = new RecordingNodeStore(new InMemoryNodeStore());
        MerkleLog log = MerkleLog.over(rec, h);
        for (int i = 0; i < 1024; i++) {
            int before = rec.written.size();
            log.append(new byte[] {(byte) i, (byte) (i >> 8)});
            int writes = rec.written.size() - before;
            assertEquals(1 + Integer.numberOfTrailingZeros(~i), writes, "writes for leaf " + i);
        }
        assertEquals(1024, rec.batches);
        assertEquals(2047, rec.written.size());
    }

    @Test
    void rejectsImpossibleRequests() {
        MerkleLog log = MerkleLog.inMemory(Sm3Hasher.INSTANCE);
        assertEquals(0, log.size());
        assertArrayEquals(Sm3Hasher.INSTANCE.emptyRoot(), log.root());
        assertArrayEquals(Sm3Hasher.INSTANCE.emptyRoot(), log.root(0));
        assertEquals(0, log.appendAll(List.of()));
        assertThrows(IllegalArgumentException.class, () -> log.inclusionProof(0, 0));
        assertThrows(IllegalArgumentException.class, () -> log.leafHash(0));
        log.appendAll(List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
        assertThrows(IllegalArgumentException.class, () -> log.root(4));
        assertThrows(IllegalArgumentException.class, () -> log.root(-1));
        assertThrows(IllegalArgumentException.class, () -> log.inclusionProof(3, 3));
        assertThrows(IllegalArgumentException.class, () -> log.inclusionProof(0, 4));
        assertThrows(IllegalArgumentException.class, () -> log.consistencyProof(0, 3));
        assertThrows(IllegalArgumentException.class, () -> log.consistencyProof(3, 2));
        assertThrows(IllegalArgumentException.class, () -> log.consistencyProof(1, 4));
        assertEquals(List.of(), log.consistencyProof(3, 3));
        assertThrows(NullPointerException.class, () -> log.append(null));
        log.close();
        assertThrows(IllegalStateException.class, () -> log.append(new byte[] {4}));
        assertThrows(IllegalStateException.class, () -> log.inclusionProof(0, 3));
        log.close(); // idempotent
    }

    @Test
    void concurrentReadersSeeConsistentSnapshots() throws Exception {
        HashStrategy h = Sm3Hasher.INSTANCE;
        try (MerkleLog log = MerkleLog.open(tmp.resolve("concurrent"), h)) {
            log.append(new byte[] {0});
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger checks = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int seed = r;
                Thread t = new Thread(() -> {
                    Random rnd = new Random(seed);
                    try {
                        while (!done.get()) {
                            long n = log.size();
                            byte[] root = log.root(n);
                            long i = Math.floorMod(rnd.nextLong(), n);
                            ProofVerifier.verifyInclusion(h, i, n, log.leafHash(i), log.inclusionProof(i, n), root);
                            long m = 1 + Math.floorMod(rnd.nextLong(), n);
                            ProofVerifier.verifyConsistency(h, m, n, log.consistencyProof(m, n), log.root(m), root);
                            checks.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                t.start();
                readers.add(t);
            }
            Random rnd = new Random(99);
            for (int b = 0; b < 60; b++) {
                List<byte[]> batch = new ArrayList<>();
                for (int k = 0, s = 1 + rnd.nextInt(50); k < s; k++) {
                    batch.add(leafData(log.size() + k, rnd));
                }
                log.appendAll(batch);
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            if (!errors.isEmpty()) {
                throw new AssertionError("reader failed", errors.peek());
            }
            assertTrue(checks.get() > 0);
        }
    }
}
