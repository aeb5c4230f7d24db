package dev.fapiao.node.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SealerTest {
    final Sm2KeyPair node = Sm2KeyPair.generate();
    final Sealer sealer = new Sealer(node.privateKey());
    final byte[] doc = Sm3.hash("<invoice/>".getBytes(StandardCharsets.UTF_8));
    final byte[] meta = Sm3.hash("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    @Test
    void sealSignsTheV1Encoding() {
        Instant t = Instant.parse("2026-11-23T08:00:00.123456Z");
        Seal seal = sealer.seal(SealEncodingTest.INVOICE_ID, doc, meta, t, LocalDate.parse("2041-11-23"));
        assertEquals(Instant.parse("2026-11-23T08:00:00.123Z"), seal.issueTime(), "truncated to ms");
        assertEquals(node.keyId(), seal.keyId());
        assertEquals(Sm3.hashHex("<invoice/>".getBytes(StandardCharsets.UTF_8)), seal.docHash());
        assertEquals(1, seal.encodingVersion());
        byte[] expected = SealEncoding.encode(SealEncodingTest.INVOICE_ID, doc, meta, seal.issueTime(),
                LocalDate.parse("2041-11-23"));
        assertArrayEquals(expected, seal.encoding());
        Sm2Verifier v = Sm2Verifier.of(node.publicKey());
        assertTrue(v.verify(expected, Base64.getDecoder().decode(seal.signature())));
        assertTrue(seal.verify(v));

        Seal moved = new Seal("91350100M000100Y4300000000000000000001", seal.docHash(), seal.metaHash(),
                seal.issueTime(), seal.retainUntil(), seal.keyId(), seal.signature(), 1);
        assertFalse(moved.verify(v), "a signature cannot be moved to another invoice");
        Seal later = new Seal(seal.invoiceId(), seal.docHash(), seal.metaHash(), seal.issueTime(),
                seal.retainUntil().plusDays(1), seal.keyId(), seal.signature(), 1);
        assertFalse(later.verify(v));
        assertFalse(seal.verify(Sm2Verifier.of(Sm2KeyPair.generate().publicKey())));
        assertFalse(seal.verify(v.withUserId("other")));
    }

    @Test
    void defaultRetention() {
        Seal seal = sealer.seal(SealEncodingTest.INVOICE_ID, doc, meta, Instant.parse("2026-11-22T17:00:00Z"));
        assertEquals(LocalDate.parse("2041-11-23"), seal.retainUntil());
    }

    @Test
    void customUserIdSealer() {
        Sealer custom = new Sealer(Sm2Signer.of(node.privateKey()).withUserId("node-1"));
        Seal seal = custom.seal(SealEncodingTest.INVOICE_ID, doc, meta, Instant.parse("2026-11-22T17:00:00Z"));
        assertTrue(seal.verify(Sm2Verifier.of(node.publicKey()).withUserId("node-1")));
        assertFalse(seal.verify(Sm2Verifier.of(node.publicKey())));
    }

    @Test
    void checkpointSignature() {
        String sig = sealer.signCheckpoint("node-1", 42, doc);
        assertTrue(Sm2Verifier.of(node.publicKey()).verify(CheckpointEncoding.encode("node-1", 42, doc),
                Base64.getDecoder().decode(sig)));
        assertFalse(Sm2Verifier.of(node.publicKey()).verify(CheckpointEncoding.encode("node-1", 43, doc),
                Base64.getDecoder().decode(sig)));
    }

    @Test
    void threadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Seal>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = String.format("91350100M000100Y43%020d", i);
                futures.add(pool.submit(() -> sealer.seal(id, doc, meta, Instant.parse("2026-11-23T08:00:00Z"))));
            }
            Sm2Verifier v = Sm2Verifier.of(node.publicKey());
            for (int i = 0; i < futures.size(); i++) {
                Seal s = futures.get(i).get();
                assertEquals(String.format("91350100M000100Y43%020d", i), s.invoiceId());
                assertTrue(s.verify(v), "seal " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
