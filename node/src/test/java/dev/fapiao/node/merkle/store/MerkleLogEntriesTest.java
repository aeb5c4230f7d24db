package dev.fapiao.node.merkle.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store entries written with the leaves (the archive log's cursor and index). */
class MerkleLogEntriesTest {
    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void exercise(MerkleLog log) {
        log.appendAll(List.of(b("a"), b("b")), List.of(new NodeStore.Entry(b("c"), b("1")),
                new NodeStore.Entry(b("ia"), b("0")), new NodeStore.Entry(b("ib"), b("1"))));
        assertEquals(2, log.size());
        log.appendAll(List.of(), List.of(new NodeStore.Entry(b("c"), b("2"))));
        assertEquals(2, log.size(), "entries alone do not grow the log");
        assertArrayEquals(b("2"), log.entry(b("c")));
        assertNull(log.entry(b("x")));
        List<NodeStore.Entry> index = log.entries(b("i"));
        assertEquals(2, index.size());
        assertArrayEquals(b("ia"), index.get(0).key());
        assertArrayEquals(b("1"), index.get(1).value());
    }

    @Test
    void inMemory() {
        exercise(MerkleLog.inMemory(Sm3Hasher.INSTANCE));
    }

    @Test
    void rocksKeepsEntriesAndSizeAcrossReopen() {
        byte[] root;
        try (MerkleLog log = MerkleLog.open(dir, Sm3Hasher.INSTANCE)) {
            exercise(log);
            root = log.root();
        }
        try (MerkleLog log = MerkleLog.open(dir, Sm3Hasher.INSTANCE)) {
            assertEquals(2, log.size(), "entries sort after the nodes and do not disturb the size scan");
            assertArrayEquals(root, log.root());
            assertArrayEquals(b("2"), log.entry(b("c")));
            assertEquals(2, log.entries(b("i")).size());
            log.append(b("c"));
            assertEquals(3, log.size());
        }
    }

    @Test
    void storesWithoutEntriesRefuseThem() {
        NodeStore plain = new NodeStore() {
            final InMemoryNodeStore inner = new InMemoryNodeStore();

            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public byte[] get(dev.fapiao.node.merkle.NodeId id) {
                return inner.get(id);
            }

            @Override
            public void append(long newSize, List<Node> nodes) {
                inner.append(newSize, nodes);
            }

            @Override
            public void close() {
            }
        };
        MerkleLog log = MerkleLog.over(plain, Sm3Hasher.INSTANCE);
        log.appendAll(List.of(b("a")), List.of());
        assertThrows(UnsupportedOperationException.class,
                () -> log.appendAll(List.of(b("b")), List.of(new NodeStore.Entry(b("c"), b("1")))));
        assertEquals(1, log.size());
    }
}
