package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import dev.fapiao.node.ledger.LedgerRenewal;
import static dev.fapiao.node.renewal.RenewalFixture.HEX;
import static dev.fapiao.node.renewal.RenewalFixture.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.merkle.MerkleTree;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renew operation: the tree it builds, chaining, disposal, crashes, retries and refusals. */
class RenewerTest {
    @TempDir
    Path dir;
    RenewalFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    RenewalFixture fixture(int invoices, int checkpoint) {
        f = new RenewalFixture(dir);
        f.put(0, invoices);
        f.checkpoint(checkpoint);
        return f;
    }

    /** The renewal tree by the RFC definition: leaf 0 the link, leaf i + 1 the renewed log leaf i. */
    static byte[] expectedRoot(RenewalAlgorithm a, RenewalLink link, List<RenewedLeaf> leaves) {
        List<byte[]> data = new ArrayList<>();
        data.add(link.encode());
        leaves.forEach(l -> data.add(l.encode()));
        return MerkleTree.rootHash(a.hasher(), MerkleTree.leafHashes(a.hasher(), data));
    }

    /** What leaf i + 1 must be for a first renewal, computed from the fixture's own data. */
    RenewedLeaf expectedLeaf(RenewalAlgorithm a, long n, boolean disposed) {
        ArchivedInvoice inv = RenewalFixture.invoice(n);
        long i = f.log.leafIndex(inv.invoiceId()).getAsLong();
        return new RenewedLeaf(inv.invoiceId(), i, disposed ? null : HEX.formatHex(a.digest(RenewalFixture.document(n))),
                HEX.formatHex(a.digest(RenewalFixture.metadata(n).getBytes(StandardCharsets.UTF_8))),
                inv.retainUntil().toString(), RenewedLeaf.LOG, HEX.formatHex(f.log.merkle().leafHash(i)));
    }

    @Test
    void firstRenewalCoversTheAnchoredCheckpointAndCommitsToItInLeafZero() throws Exception {
        fixture(8, 6);
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertTrue(r.anchoredNow());
        assertEquals(1, r.sequence());
        assertEquals(6, r.logTreeSize(), "the latest anchored checkpoint, not the whole log (8)");
        assertEquals(7, r.treeSize());
        assertEquals(6, r.renewedNow());

        RenewalLog renewal = f.logs.get(1).orElseThrow();
        RenewalLink link = renewal.link();
        assertEquals(new RenewalLink(RenewalFixture.NODE, 1, "SHA-256", 6, HEX.formatHex(f.log.root(6)), null), link);
        List<RenewedLeaf> leaves = new ArrayList<>();
        for (long n = 0; n < 6; n++) {
            RenewedLeaf expected = expectedLeaf(RenewalAlgorithm.SHA_256, n, false);
            assertEquals(expected, renewal.leaf(n).orElseThrow());
            leaves.add(expected);
        }
        assertEquals(HEX.formatHex(expectedRoot(RenewalAlgorithm.SHA_256, link, leaves)), r.rootHash());
        // leaf 0 is the link: (SM3, 6, root at 6) and nothing before
        assertArrayEquals(RenewalAlgorithm.SHA_256.hasher().hashLeaf(link.encode()), renewal.merkle().leafHash(0));
        ProofVerifier.verifyInclusion(RenewalAlgorithm.SHA_256.hasher(), 0, 7,
                RenewalAlgorithm.SHA_256.hasher().hashLeaf(link.encode()), renewal.merkle().inclusionProof(0, 7),
                HEX.parseHex(r.rootHash()));

        LedgerRenewal onLedger = f.ledger.renewals.get(0);
        assertEquals(r.rootHash(), onLedger.rootHash());
        assertEquals(r.txId(), onLedger.anchoredTxId());
        RenewalLog.Anchored a = renewal.anchored().orElseThrow();
        assertEquals(onLedger.signature(), a.signature());
        assertEquals(f.sealer.keyId(), a.keyId());
        assertEquals(1, f.ledger.anchorCalls);
    }

    @Test
    void disposedInvoicesAreRenewedWithTheMarker() {
        fixture(5, 5);
        f.archive.invoices().dispose(id(2), "test", "retention over");
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA3_256);
        assertEquals(1, r.disposed());
        RenewalLog renewal = f.logs.get(1).orElseThrow();
        RenewedLeaf leaf2 = renewal.leaf(2).orElseThrow();
        assertTrue(leaf2.disposed());
        assertEquals(expectedLeaf(RenewalAlgorithm.SHA3_256, 2, true), leaf2);
        assertFalse(renewal.leaf(1).orElseThrow().disposed());
        List<RenewedLeaf> leaves = new ArrayList<>();
        for (long n = 0; n < 5; n++) {
            leaves.add(expectedLeaf(RenewalAlgorithm.SHA3_256, n, n == 2));
        }
        assertEquals(HEX.formatHex(expectedRoot(RenewalAlgorithm.SHA3_256, renewal.link(), leaves)), r.rootHash());
    }

    @Test
    void aSecondRenewalExtendsTheFirstAndCoversNewLeaves() {
        fixture(8, 6);
        RenewalResult first = f.renewer().renew(RenewalAlgorithm.SHA_256);
        f.checkpoint(8);
        RenewalResult second = f.renewer().renew(RenewalAlgorithm.SHA3_256);
        assertEquals(2, second.sequence());
        assertEquals(8, second.logTreeSize());
        RenewalLog r1 = f.logs.get(1).orElseThrow();
        RenewalLog r2 = f.logs.get(2).orElseThrow();
        assertEquals(new RenewalPrevious("SHA-256", 7, first.rootHash()), r2.link().previous());
        for (long i = 0; i < 8; i++) {
            RenewedLeaf leaf = r2.leaf(i).orElseThrow();
            if (i < 6) {
                assertEquals(RenewedLeaf.RENEWAL, leaf.previousKind(), "leaf " + i + " extends renewal 1");
                assertEquals(HEX.formatHex(r1.merkle().leafHash(i + 1)), leaf.previousLeafHash());
                assertEquals(HEX.formatHex(r1.leaf(i).orElseThrow().leafHash(RenewalAlgorithm.SHA_256)),
                        leaf.previousLeafHash());
            } else {
                assertEquals(RenewedLeaf.LOG, leaf.previousKind(), "leaf " + i + " is new since renewal 1");
                assertEquals(HEX.formatHex(f.log.merkle().leafHash(i)), leaf.previousLeafHash());
            }
            assertEquals(HEX.formatHex(RenewalAlgorithm.SHA3_256.digest(RenewalFixture.document(i))),
                    leaf.documentHash());
        }
        assertEquals(2, f.ledger.renewals.size());
        assertEquals(first.rootHash(), f.ledger.renewals.get(1).previous().rootHash());
    }

    @Test
    void renewingAgainWithNothingNewAnchorsNothing() {
        fixture(4, 4);
        RenewalResult first = f.renewer().renew(RenewalAlgorithm.SHA_256);
        RenewalResult again = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertFalse(again.anchoredNow());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(first.rootHash(), again.rootHash());
        assertEquals(1, f.ledger.anchorCalls);
        // another algorithm over the same log is a new renewal
        assertEquals(2, f.renewer().renew(RenewalAlgorithm.SHA3_256).sequence());
    }

    @Test
    void aCrashMidBuildResumesWhereItStopped() {
        fixture(600, 600);
        assertThrows(IllegalStateException.class, () -> f.renewer(f.crashingAfter(300)).renew(RenewalAlgorithm.SHA_256));
        assertEquals(Renewer.PAGE, f.logs.get(1).orElseThrow().renewedLeaves(), "one whole page survived");
        assertTrue(f.logs.get(1).orElseThrow().built().isEmpty());
        assertEquals(0, f.ledger.anchorCalls);
        f.reopenLogs();
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertEquals(600 - Renewer.PAGE, r.renewedNow());
        List<RenewedLeaf> leaves = new ArrayList<>();
        for (long n = 0; n < 600; n++) {
            leaves.add(expectedLeaf(RenewalAlgorithm.SHA_256, n, false));
        }
        assertEquals(HEX.formatHex(expectedRoot(RenewalAlgorithm.SHA_256, f.logs.get(1).orElseThrow().link(), leaves)),
                r.rootHash());
        assertEquals(1, f.ledger.renewals.size());
    }

    @Test
    void aResumedRenewalAnchorsTheRootItBuiltNeverAnother() {
        fixture(5, 5);
        f.ledger.unavailable = 100;
        RenewalException e = assertThrows(RenewalException.class, () -> f.renewer().renew(RenewalAlgorithm.SHA_256));
        assertTrue(e.getMessage().contains("not anchored after"), e.getMessage());
        String built = f.logs.get(1).orElseThrow().built().orElseThrow().rootHash();
        // the archive changes before the retry: the built tree is not rebuilt
        f.archive.invoices().dispose(id(3), "test", "retention over");
        f.ledger.unavailable = 0;
        f.reopenLogs();
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertEquals(built, r.rootHash());
        assertEquals(built, f.ledger.renewals.get(0).rootHash());
        assertFalse(f.logs.get(1).orElseThrow().leaf(3).orElseThrow().disposed());
    }

    @Test
    void aLostCommitAcknowledgementIsRecordedWithTheWritingTransaction() {
        fixture(3, 3);
        f.ledger.loseNextAck = true;
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertEquals(1, f.ledger.renewals.size());
        assertEquals(2, f.ledger.anchorCalls, "retried; the retry changed nothing");
        assertEquals(f.ledger.renewals.get(0).anchoredTxId(), r.txId());
        assertEquals("tx-renewal-1", r.txId());
        assertEquals(-1, r.blockNumber(), "the block of the writing transaction is not known locally");
    }

    @Test
    void aCrashBetweenCommitAndLocalRecordIsReconciled() {
        fixture(3, 3);
        f.ledger.crashAfterNextCommit = true;
        assertThrows(IllegalStateException.class, () -> f.renewer().renew(RenewalAlgorithm.SHA_256));
        assertTrue(f.logs.get(1).orElseThrow().anchored().isEmpty());
        f.reopenLogs();
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertFalse(r.anchoredNow(), "already on the ledger: recorded, not anchored again");
        assertEquals(1, f.ledger.anchorCalls);
        assertEquals(f.ledger.renewals.get(0).anchoredTxId(), f.logs.get(1).orElseThrow().anchored().orElseThrow().txId());
    }

    @Test
    void theCheckpointMayMoveWhileTheRenewalIsAnchored() {
        fixture(6, 4);
        f.put(6, 9);
        // the checkpointer anchors size 9 after the renewal read size 4: the renewal proves 4 is a prefix of 9
        f.ledger.checkpoint = new dev.fapiao.node.ledger.LedgerCheckpoint(9, HEX.formatHex(f.log.root(9)));
        RenewalResult r = f.renewer().renew(RenewalAlgorithm.SHA_256);
        assertEquals(4, r.logTreeSize());
        assertTrue(r.anchoredNow());
    }

    @Test
    void refusalsAndPreconditions() {
        f = new RenewalFixture(dir);
        f.put(0, 3);
        RenewalException none = assertThrows(RenewalException.class, () -> f.renewer().renew(RenewalAlgorithm.SHA_256));
        assertTrue(none.getMessage().contains("no anchored checkpoint"), none.getMessage());
        f.checkpoint(3);
        // the ledger holds another checkpoint (a forked log): refused, and nothing recorded as anchored
        f.ledger.checkpoint = new dev.fapiao.node.ledger.LedgerCheckpoint(3, HEX.formatHex(
                Sm3Hasher.INSTANCE.hashLeaf(new byte[] {1})));
        RenewalException refused = assertThrows(RenewalException.class,
                () -> f.renewer().renew(RenewalAlgorithm.SHA_256));
        assertTrue(refused.getMessage().contains("the ledger refused renewal 1"), refused.getMessage());
        assertTrue(f.logs.get(1).orElseThrow().anchored().isEmpty());
        // a renewal in progress must be finished with its own algorithm
        RenewalException other = assertThrows(RenewalException.class,
                () -> f.renewer().renew(RenewalAlgorithm.SHA3_256));
        assertTrue(other.getMessage().contains("in progress"), other.getMessage());
        // the ledger's renewal 1 is not the local one: never anchored over
        f.ledger.checkpoint = new dev.fapiao.node.ledger.LedgerCheckpoint(3, HEX.formatHex(f.log.root(3)));
        f.ledger.renewals.add(new LedgerRenewal(RenewalFixture.NODE, 1, "SHA-256", 4, "00".repeat(32), 3,
                HEX.formatHex(f.log.root(3)), null, "sig", "key", "tx-other", "2049-01-01T00:00:00Z"));
        RenewalException foreign = assertThrows(RenewalException.class,
                () -> f.renewer().renew(RenewalAlgorithm.SHA_256));
        assertTrue(foreign.getMessage().contains("is not the local one"), foreign.getMessage());
        assertEquals(Set.of(1L), Set.copyOf(f.logs.all().stream().map(RenewalLog::sequence).toList()));
        assertNull(f.logs.get(2).orElse(null));
    }
}
