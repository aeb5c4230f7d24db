package dev.fapiao.node.sync;

import dev.fapiao.node.ledger.BlockSource;
import dev.fapiao.node.ledger.LedgerEvent;
import dev.fapiao.node.ledger.LedgerEvents;
import dev.fapiao.node.ledger.LedgerEvents.EventStream;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chaincode's events from the block after the durable sync cursor and applies
 * them to the local archive, so transitions made through other organisations' nodes show
 * up here. The cursor advances only when a block's events are all applied; a restart
 * replays at most one block, which {@link SyncTarget#apply} tolerates.
 */
public final class LedgerSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerSync.class);

    /** Where a node without a sync cursor starts following the ledger. */
    public enum Start {
        /** The current chain height: a new node reports only what happens from now on. */
        LATEST,
        /** Block 0: replays the channel's whole history (a full reconciliation report). */
        GENESIS
    }

    private final LedgerEvents ledger;
    private final BlockSource blocks;
    private final SyncTarget target;
    private final Start start;
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running;
    private volatile EventStream events;
    private volatile long lastBlock = -1;

    /** {@code blocks} gives the chain height when following starts at {@link Start#LATEST}. */
    public LedgerSync(LedgerEvents ledger, BlockSource blocks, SyncTarget target, Start start) {
        this(ledger, blocks, target, start, "ledger-sync");
    }

    /** As above, on a thread named {@code threadName} (another follower of the events, e.g. the replicator). */
    public LedgerSync(LedgerEvents ledger, BlockSource blocks, SyncTarget target, Start start, String threadName) {
        this.ledger = ledger;
        this.blocks = blocks;
        this.target = target;
        this.start = start;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** Events applied since start. */
    public long applied() {
        return applied.get();
    }

    /** The newest block whose events have been applied, or -1. */
    public long lastBlock() {
        return lastBlock;
    }

    private void run() {
        long backoff = 500;
        while (running) {
            long from;
            try {
                from = startBlock();
            } catch (LedgerUnavailableException | RuntimeException e) {
                log.warn("cannot read the chain height ({}); retrying in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
                continue;
            }
            try (EventStream it = ledger.events(from)) {
                events = it;
                long pending = -1;
                while (running && it.hasNext()) {
                    LedgerEvent e = it.next();
                    if (pending >= 0 && e.blockNumber() > pending) {
                        target.advanceCursor(pending); // every event of block `pending` is applied
                        lastBlock = pending;
                    }
                    target.apply(e);
                    applied.incrementAndGet();
                    pending = e.blockNumber();
                    backoff = 500;
                }
            } catch (LedgerEvents.StreamBrokenException e) {
                if (running) {
                    log.warn("ledger event stream broke ({}); reconnecting in {} ms", e.getMessage(), backoff);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.error("applying a ledger event failed; retrying from the sync cursor in {} ms", backoff, e);
                }
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 30_000);
        }
    }

    private long startBlock() throws LedgerUnavailableException {
        OptionalLong cp = target.cursor();
        if (cp.isPresent()) {
            return cp.getAsLong() + 1;
        }
        if (start == Start.GENESIS) {
            return 0;
        }
        long height = blocks.chainHeight();
        target.advanceCursor(height - 1); // durable: a restart continues from here, not from "latest" again
        log.info("ledger sync starts at block {} (sync.startFrom = latest)", height);
        return height;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        EventStream it = events;
        if (it != null) {
            it.close();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
