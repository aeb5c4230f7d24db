package dev.fapiao.node.checkpoint;

import dev.fapiao.node.ledger.CheckpointLedger;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.Committed;
import dev.fapiao.node.ledger.LedgerCheckpoint;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.seal.Sealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors signed checkpoints of the {@link ArchiveLog} on the ledger, on its own thread.
 *
 * <p>On start it reads the node's latest checkpoint from the ledger ({@code getCheckpoint}) and
 * checks that the local log extends it (same root at that size). Then, every
 * {@link CheckpointSettings#poll()} (or when {@link #wake woken}), it catches the log up with the
 * archive; when there are unanchored leaves and either {@code interval} has passed since the last
 * checkpoint or {@code maxLeaves} leaves wait, it signs {@code {nodeId, treeSize, root}} with the
 * seal key and calls {@code anchorCheckpoint} with the consistency proof from the last anchored
 * checkpoint. Ledger errors are retried with backoff; a refusal (the ledger's checkpoint is not a
 * prefix of the local log, e.g. the log was lost or rewritten) is logged as an error and retried
 * only after re-reading the ledger, at the slowest backoff. Anchored checkpoints are recorded
 * locally ({@link ArchiveLog#anchored()}).
 */
public final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final HexFormat HEX = HexFormat.of();

    private final String nodeId;
    private final ArchiveLog archiveLog;
    private final Sealer sealer;
    private final CheckpointLedger client;
    private final CheckpointSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    /** What the ledger holds for this node (null until read). */
    private volatile LedgerCheckpoint onLedger;
    private boolean ledgerKnown;
    private Instant lastAnchorTime;
    private Instant retryAt = Instant.MIN;
    private Duration backoff;
    private volatile String lastError;
    private volatile AnchoredCheckpoint lastAnchored;

    public Checkpointer(String nodeId, ArchiveLog archiveLog, Sealer sealer, CheckpointLedger client,
                        CheckpointSettings settings, Clock clock) {
        this.nodeId = Objects.requireNonNull(nodeId);
        this.archiveLog = Objects.requireNonNull(archiveLog);
        this.sealer = Objects.requireNonNull(sealer);
        this.client = Objects.requireNonNull(client);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.backoff = settings.retryBase();
        this.lastAnchorTime = clock.instant();
        this.lastAnchored = archiveLog.lastAnchored().orElse(null);
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        lastAnchorTime = clock.instant();
        thread = new Thread(this::run, "checkpointer-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Look for new archive entries now (e.g. after a put). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The last checkpoint this node anchored (this run, or recorded locally before). */
    public Optional<AnchoredCheckpoint> lastAnchored() {
        return Optional.ofNullable(lastAnchored);
    }

    /** The checkpoint the ledger holds for this node, as last read or anchored (empty if none/unknown). */
    public Optional<LedgerCheckpoint> onLedger() {
        return Optional.ofNullable(onLedger);
    }

    /** The last error (ledger unavailable or refusal), null after a success. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                lastError = e.toString();
                log.error("checkpointer step failed; retrying in {} ms", backoff.toMillis(), e);
                delay();
            }
            await(settings.poll());
        }
    }

    /** One round: catch up, learn the ledger's state, anchor when due. Package-private for tests. */
    void step() {
        archiveLog.catchUp();
        Instant now = clock.instant();
        if (now.isBefore(retryAt)) {
            return;
        }
        if (!ledgerKnown && !readLedger()) {
            return;
        }
        long size = archiveLog.size();
        long anchoredSize = onLedger == null ? -1 : onLedger.treeSize();
        if (size <= anchoredSize) {
            return;
        }
        boolean due = size - Math.max(anchoredSize, 0) >= settings.maxLeaves()
                || !now.isBefore(lastAnchorTime.plus(settings.interval()));
        if (due) {
            anchor(size);
        }
    }

    /** Reads the ledger's checkpoint and checks the local log extends it; false to try later. */
    private boolean readLedger() {
        Optional<LedgerCheckpoint> latest;
        try {
            latest = client.latestCheckpoint(nodeId);
        } catch (LedgerUnavailableException e) {
            failed("cannot read the ledger's checkpoint: " + e.getMessage(), false);
            return false;
        }
        LedgerCheckpoint c = latest.orElse(null);
        if (c != null) {
            long local = archiveLog.size();
            if (c.treeSize() > local) {
                failed("the ledger's checkpoint of node " + nodeId + " has tree size " + c.treeSize()
                        + " but the local Merkle log only " + local + " leaves (log lost or archive restored "
                        + "from an older backup?); not anchoring", true);
                return false;
            }
            String root = HEX.formatHex(archiveLog.root(c.treeSize()));
            if (!root.equals(c.rootHash())) {
                failed("the ledger's checkpoint of node " + nodeId + " (size " + c.treeSize() + ", root "
                        + c.rootHash() + ") is not a prefix of the local Merkle log (root " + root
                        + " at that size); not anchoring", true);
                return false;
            }
        }
        onLedger = c;
        ledgerKnown = true;
        return true;
    }

    private void anchor(long size) {
        LedgerCheckpoint previous = onLedger;
        byte[] root = archiveLog.root(size);
        String rootHex = HEX.formatHex(root);
        List<String> proof = previous == null || previous.treeSize() == 0
                ? List.of()
                : archiveLog.consistencyProof(previous.treeSize(), size).stream().map(HEX::formatHex).toList();
        String signature = sealer.signCheckpoint(nodeId, size, root);
        try {
            Committed c = client.anchorCheckpoint(nodeId, size, rootHex, signature, proof);
            AnchoredCheckpoint recorded = new AnchoredCheckpoint(size, rootHex, c.txId(), c.blockNumber(),
                    clock.instant());
            archiveLog.recordAnchored(recorded);
            lastAnchored = recorded;
            onLedger = new LedgerCheckpoint(size, rootHex);
            lastAnchorTime = clock.instant();
            backoff = settings.retryBase();
            retryAt = Instant.MIN;
            lastError = null;
            log.info("checkpoint anchored: node {} tree size {} root {} (from {}) tx {} block {}", nodeId, size,
                    rootHex, previous == null ? "none" : previous.treeSize(), c.txId(), c.blockNumber());
        } catch (LedgerUnavailableException e) {
            failed("anchoring checkpoint " + size + " failed: " + e.getMessage(), false);
        } catch (ChaincodeRefusedException e) {
            // someone else may have moved the ledger (another instance with this node id): re-read it
            ledgerKnown = false;
            failed("the ledger refused checkpoint " + size + " of node " + nodeId + ": " + e.getMessage(), true);
        }
    }

    private void failed(String message, boolean severe) {
        lastError = message;
        if (severe) {
            log.error(message);
            backoff = settings.retryMax();
        } else {
            log.warn("{}; retrying in {} ms", message, backoff.toMillis());
        }
        delay();
    }

    private void delay() {
        retryAt = clock.instant().plus(backoff);
        Duration next = backoff.multipliedBy(2);
        backoff = next.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : next;
    }

    private void await(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (running && !woken && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread (an anchoring in progress completes first). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        wake();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
