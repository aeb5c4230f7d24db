package dev.fapiao.node.replication;

import dev.fapiao.node.archive.HashedDocument;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.archive.NodeState;
import dev.fapiao.node.archive.ReplicationProgress;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.InvoiceLedger;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.LedgerEvent;
import dev.fapiao.node.ledger.LedgerEvents;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.sync.LedgerSync;
import dev.fapiao.node.sync.SyncTarget;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch-and-verify replication: follows the ledger's events from its durable cursor (or
 * {@code startBlock}) and, for every anchored invoice the {@link ReplicationPolicy} selects and
 * this archive does not hold, fetches a copy from the peers in order, checks it against the ledger
 * ({@link CopyCheck}) and stores it as anchored ({@link InvoiceStore#putAnchored}), so this node's
 * Merkle log and checkpoints cover it. A refused copy is logged and counted and the next peer is
 * asked; after {@code rounds} rounds over all peers the invoice counts as missing. What the archive
 * holds is never fetched again, so a restart replays at most one block without refetching.
 */
public final class Replicator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replicator.class);

    public record Settings(long startBlock, int parallelism, int rounds, Duration retry) {
    }

    /** Counters: durable ones (block, held, missing, refused) plus, since start, copies fetched and stored. */
    public record Stats(long block, long held, long missing, long refused, long stored, long lastEventMillis) {
    }

    private final InvoiceLedger ledger;
    private final InvoiceStore invoices;
    private final NodeState state;
    private final CopyCheck check;
    private final List<DocumentSource> peers;
    private final ReplicationPolicy policy;
    private final Settings settings;
    private final Clock clock;
    private final ExecutorService workers;
    private final LedgerSync follower;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private volatile long block = -1;
    /** The held and missing counts as of {@code block} (what a restart resumes from). */
    private long savedHeld;
    private long savedMissing;
    private volatile long lastEventMillis;
    private volatile boolean running;

    public Replicator(LedgerEvents events, InvoiceLedger ledger, InvoiceStore invoices, NodeState state,
                      CopyCheck check, List<DocumentSource> peers, ReplicationPolicy policy, Settings settings,
                      Clock clock) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("replication needs at least one peer node");
        }
        this.ledger = ledger;
        this.invoices = invoices;
        this.state = state;
        this.check = check;
        this.peers = List.copyOf(peers);
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "replication-fetch");
            t.setDaemon(true);
            return t;
        });
        // never asks the chain height: the cursor is always known (the progress, startBlock - 1, or genesis)
        this.follower = new LedgerSync(events, null, new Target(), LedgerSync.Start.GENESIS, "replication");
        state.replicationProgress().ifPresent(p -> {
            block = p.block();
            held.set(p.held());
            missing.set(p.missing());
            refused.set(p.refused());
            savedHeld = p.held();
            savedMissing = p.missing();
        });
    }

    public void start() {
        running = true;
        follower.start();
    }

    public Stats stats() {
        return new Stats(block, held.get(), missing.get(), refused.get(), stored.get(), lastEventMillis);
    }

    /** What the ledger follower drives: each event, and the cursor at block boundaries. */
    private final class Target implements SyncTarget {
        @Override
        public void apply(LedgerEvent e) {
            if (e instanceof LedgerEvent.Anchored a) {
                try {
                    replicate(a);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replication stopped");
                }
            }
            lastEventMillis = clock.millis();
        }

        @Override
        public OptionalLong cursor() {
            return block >= 0 ? OptionalLong.of(block)
                    : settings.startBlock() > 0 ? OptionalLong.of(settings.startBlock() - 1) : OptionalLong.empty();
        }

        @Override
        public void advanceCursor(long done) { // every item of block `done` is held, missing or not ours
            synchronized (Replicator.this) {
                savedHeld = held.get();
                savedMissing = missing.get();
                state.saveReplicationProgress(new ReplicationProgress(done, savedHeld, savedMissing, refused.get()));
                block = done;
            }
        }
    }

    /** All items of one anchoring transaction, {@code parallelism} at a time; returns when each is settled. */
    private void replicate(LedgerEvent.Anchored a) throws InterruptedException {
        List<Future<?>> items = new ArrayList<>();
        for (LedgerEvent.Anchored.Item item : a.items()) {
            if (policy.selectsIssuerOf(item.invoiceId())) {
                items.add(workers.submit(() -> {
                    replicate(item.invoiceId(), a.blockNumber());
                    return null;
                }));
            }
        }
        for (Future<?> f : items) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
        }
    }

    private void replicate(String id, long anchorBlock) throws InterruptedException, LedgerUnavailableException,
            ChaincodeRefusedException {
        if (invoices.get(id).isPresent()) {
            held.incrementAndGet();
            return;
        }
        Optional<InvoiceRecord> found = ledger.invoice(id);
        if (found.isEmpty() || InvoiceStatus.DISPOSED.name().equals(found.get().status())) {
            return; // disposed since: there is nothing to hold
        }
        InvoiceRecord anchored = found.get();
        LocalDate issueDate = LocalDate.ofInstant(Instant.parse(anchored.issueTime()), dev.fapiao.node.seal.SealEncoding.CST);
        if (!policy.selectsIssueDate(issueDate)) {
            return;
        }
        for (int round = 1; round <= settings.rounds() && running; round++) {
            for (DocumentSource peer : peers) {
                if (fetchFrom(peer, anchored, anchorBlock)) {
                    held.incrementAndGet();
                    stored.incrementAndGet();
                    return;
                }
            }
            if (round < settings.rounds()) {
                Thread.sleep(settings.retry().toMillis());
            }
        }
        if (running) {
            missing.incrementAndGet();
            log.warn("invoice {}: no peer served a copy that passed the checks ({} rounds over {} peers)", id,
                    settings.rounds(), peers.size());
        }
    }

    /** True when {@code peer}'s copy passed every check and is stored. */
    private boolean fetchFrom(DocumentSource peer, InvoiceRecord anchored, long anchorBlock)
            throws LedgerUnavailableException, ChaincodeRefusedException, InterruptedException {
        String id = anchored.invoiceId();
        Replica copy;
        try {
            Optional<Replica> served = peer.fetch(id);
            if (served.isEmpty()) {
                return false;
            }
            copy = served.get();
        } catch (PeerNode.PeerIdentityException e) {
            log.warn("invoice {}: {}", id, e.getMessage()); // a member at another member's address
            return false;
        } catch (IOException e) {
            log.debug("invoice {}: {} failed: {}", id, peer.name(), e.getMessage());
            return false;
        }
        try {
            check.verify(copy, anchored);
        } catch (RefusedCopyException e) {
            countRefused();
            log.warn("refused the copy of {} from {}: {}", id, peer.name(), e.getMessage());
            return false;
        }
        ArchivedInvoice c = copy.invoice();
        ArchivedInvoice local = new ArchivedInvoice(id, c.issuer(), c.number(), c.issueTime(), c.issueDate(),
                c.docHash(), c.metaHash(), c.retainUntil(), c.contentType(), c.documentSize(), c.metadataJson(),
                c.seal(), c.enterpriseSignature(), InvoiceStatus.valueOf(anchored.status()), anchored.legalHold(),
                c.receivedAt(), null, null);
        AnchorState state = new AnchorState(AnchorState.Phase.ANCHORED, anchored.anchoredTxId(), anchorBlock,
                anchored.anchoredAt() == null ? null : Instant.parse(anchored.anchoredAt()), 0, null, clock.instant());
        try {
            invoices.putAnchored(local, HashedDocument.of(copy.document()), state).get();
            return true;
        } catch (ExecutionException e) {
            log.error("invoice {}: storing the verified copy from {} failed: {}", id, peer.name(),
                    e.getCause().getMessage());
            return false;
        }
    }

    /**
     * A refusal is saved at once: a restart replays the current block, whose copy may be held by then
     * (fetched from the next peer), so a refusal counted only at the block's end would be lost.
     */
    private synchronized void countRefused() {
        long count = refused.incrementAndGet();
        long at = block >= 0 ? block : settings.startBlock() - 1; // the cursor a restart resumes after
        if (at >= 0) {
            state.saveReplicationProgress(new ReplicationProgress(at, savedHeld, savedMissing, count));
        }
    }

    @Override
    public void close() {
        running = false;
        follower.close();
        workers.shutdownNow();
    }
}
