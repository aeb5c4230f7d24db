package dev.fapiao.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.ledger.InvoiceLedger;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.LedgerEvent;
import dev.fapiao.node.ledger.LedgerEvents;
import dev.fapiao.node.ledger.LedgerVersion;
import dev.fapiao.node.ledger.Transition;
import dev.fapiao.node.model.AnchorState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicator over a ledger and peers in memory and a real archive: a tampered copy is refused
 * and fetched from the next peer, everything is stored as anchored, a restart fetches nothing it
 * holds, and the issuer policy leaves other issuers' invoices alone.
 */
class ReplicatorTest {

    private static final int BLOCKS = 4;
    private static final int PER_BLOCK = 5;

    @TempDir
    Path dir;
    private final ReplicaFixtures f = new ReplicaFixtures();
    private final Map<String, Replica> served = new ConcurrentHashMap<>();
    private final Map<String, InvoiceRecord> records = new ConcurrentHashMap<>();
    private final List<LedgerEvent> events = new ArrayList<>();

    ReplicatorTest() {
        for (int b = 0; b < BLOCKS; b++) {
            List<LedgerEvent.Anchored.Item> items = new ArrayList<>();
            for (int i = 0; i < PER_BLOCK; i++) {
                Replica r = f.replica();
                served.put(r.invoice().invoiceId(), r);
                records.put(r.invoice().invoiceId(), ReplicaFixtures.anchored(r));
                items.add(new LedgerEvent.Anchored.Item(r.invoice().invoiceId(), r.invoice().docHash(),
                        r.invoice().metaHash(), r.invoice().retainUntil().toString()));
            }
            events.add(new LedgerEvent.Anchored("tx" + b, 10 + b, items));
        }
    }

    @Test
    void refusesATamperedCopyStoresEveryOtherAndResumesWithoutRefetching() throws Exception {
        String victim = ((LedgerEvent.Anchored) events.get(1)).items().get(2).invoiceId();
        Peer bad = new Peer("bad", victim);
        Peer good = new Peer("good", null);
        try (Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("b")).build())) {
            try (Replicator r = replicator(archive, ReplicationPolicy.all(), bad, good)) {
                r.start();
                Replicator.Stats s = await(r, x -> x.held() == BLOCKS * PER_BLOCK);
                assertEquals(1, s.refused());
                assertEquals(0, s.missing());
            }
            assertEquals(BLOCKS * PER_BLOCK, bad.total());
            assertEquals(Set.of(victim), good.fetched.keySet(), "only the refused copy came from the next peer");
            for (Replica want : served.values()) {
                String id = want.invoice().invoiceId();
                assertEquals(want.invoice().docHash(), archive.invoices().get(id).orElseThrow().docHash());
                assertTrue(archive.documents().document(want.invoice().docHash()).isPresent());
                assertEquals(AnchorState.Phase.ANCHORED, archive.anchors().anchorState(id).phase());
            }
            assertEquals(0, archive.anchors().outboxSize(), "a replicated copy is not anchored again");

            try (Replicator again = replicator(archive, ReplicationPolicy.all(), bad, good)) {
                again.start();
                Replicator.Stats s = await(again, x -> x.block() >= 10 + BLOCKS - 2 && x.held() == BLOCKS * PER_BLOCK);
                assertEquals(1, s.refused(), "the durable count");
            }
            assertEquals(BLOCKS * PER_BLOCK, bad.total(), "refetched after the restart");
            assertEquals(1, good.total());
        }
    }

    @Test
    void theIssuerPolicyLeavesOtherIssuersAlone() throws Exception {
        Peer good = new Peer("good", null);
        try (Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("c")).build());
             Replicator r = replicator(archive, new ReplicationPolicy(Set.of("91350100M000100Y43"), null, null), good)) {
            r.start();
            await(r, x -> x.block() >= 10 + BLOCKS - 2);
            assertEquals(0, good.total());
            assertEquals(0, r.stats().held());
        }
    }

    private Replicator replicator(Archive archive, ReplicationPolicy policy, DocumentSource... peers) {
        return new Replicator(new Events(), new Records(), archive.invoices(), archive.nodeState(),
                new CopyCheck(f.registry), List.of(peers), policy,
                new Replicator.Settings(0, 3, 2, Duration.ofMillis(10)), Clock.systemUTC());
    }

    private static Replicator.Stats await(Replicator r, Predicate<Replicator.Stats> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.test(r.stats())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stalled: " + r.stats());
            }
            Thread.sleep(20);
        }
        return r.stats();
    }

    /** A peer serving the invoices, one of them ({@code tampered}) with one changed byte. */
    private final class Peer implements DocumentSource {
        final String name;
        final String tampered;
        final Map<String, AtomicInteger> fetched = new ConcurrentHashMap<>();

        Peer(String name, String tampered) {
            this.name = name;
            this.tampered = tampered;
        }

        int total() {
            return fetched.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Replica> fetch(String invoiceId) throws IOException {
            fetched.computeIfAbsent(invoiceId, k -> new AtomicInteger()).incrementAndGet();
            Replica r = served.get(invoiceId);
            if (r != null && invoiceId.equals(tampered)) {
                byte[] doc = r.document().clone();
                doc[0] ^= 0x01;
                return Optional.of(new Replica(r.invoice(), doc));
            }
            return Optional.ofNullable(r);
        }
    }

    /** The events from a block on, then waits (as a live stream does) until closed. */
    private final class Events implements LedgerEvents {
        @Override
        public EventStream events(long startBlock) {
            List<LedgerEvent> from = events.stream().filter(e -> e.blockNumber() >= startBlock).toList();
            CountDownLatch closed = new CountDownLatch(1);
            return new EventStream() {
                int next;

                @Override
                public boolean hasNext() {
                    if (next < from.size()) {
                        return true;
                    }
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new StreamBrokenException("closed", null);
                }

                @Override
                public LedgerEvent next() {
                    return from.get(next++);
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    private final class Records implements InvoiceLedger {
        @Override
        public Optional<InvoiceRecord> invoice(String invoiceId) {
            return Optional.ofNullable(records.get(invoiceId));
        }

        @Override
        public List<LedgerVersion<InvoiceRecord>> invoiceHistory(String invoiceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Transition.Result transition(Transition transition, java.util.function.Consumer<String> onSubmitted) {
            throw new UnsupportedOperationException();
        }
    }
}
