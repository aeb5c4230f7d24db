package dev.fapiao.node.sync;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.client.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chaincode's events from the block after the durable checkpoint and applies
 * them to the local archive, so transitions made through other organisations' nodes show
 * up here. The checkpoint advances only when a block's events are all applied; a restart
 * replays at most one block, which {@link SyncTarget#apply} tolerates.
 */
public final class LedgerSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerSync.class);

    /** Where a node without a sync checkpoint starts following the ledger. */
    public enum Start {
        /** The current chain height: a new node reports only what happens from now on. */
        LATEST,
        /** Block 0: replays the channel's whole history (a full reconciliation report). */
        GENESIS
    }

    private final Network network;
    private final String chaincode;
    private final SyncTarget target;
    private final Start start;
    private final EventDecoder decoder = new EventDecoder();
    private final Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running;
    private volatile CloseableIterator<ChaincodeEvent> events;
    private volatile long lastBlock = -1;

    public LedgerSync(Network network, String chaincode, SyncTarget target, Start start) {
        this.network = network;
        this.chaincode = chaincode;
        this.target = target;
        this.start = start;
        this.thread = new Thread(this::run, "ledger-sync");
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
            } catch (GatewayException | InvalidProtocolBufferException | RuntimeException e) {
                log.warn("cannot read the chain height ({}); retrying in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
                continue;
            }
            try (CloseableIterator<ChaincodeEvent> it = network.newChaincodeEventsRequest(chaincode)
                    .startBlock(from).build().getEvents()) {
                events = it;
                long pending = -1;
                while (running && it.hasNext()) {
                    ChaincodeEvent e = it.next();
                    if (pending >= 0 && e.getBlockNumber() > pending) {
                        target.checkpoint(pending); // every event of block `pending` is applied
                        lastBlock = pending;
                    }
                    target.apply(decoder.decode(e.getEventName(), e.getTransactionId(), e.getBlockNumber(), e.getPayload()));
                    applied.incrementAndGet();
                    pending = e.getBlockNumber();
                    backoff = 500;
                }
            } catch (GatewayRuntimeException e) {
                if (running) {
                    log.warn("ledger event stream broke ({}); reconnecting in {} ms", e.getMessage(), backoff);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.error("applying a ledger event failed; retrying from the checkpoint in {} ms", backoff, e);
                }
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 30_000);
        }
    }

    private long startBlock() throws GatewayException, InvalidProtocolBufferException {
        OptionalLong cp = target.checkpoint();
        if (cp.isPresent()) {
            return cp.getAsLong() + 1;
        }
        if (start == Start.GENESIS) {
            return 0;
        }
        byte[] info = network.getContract("qscc").evaluateTransaction("GetChainInfo", network.getName());
        long height = BlockchainInfo.parseFrom(info).getHeight();
        target.checkpoint(height - 1); // durable: a restart continues from here, not from "latest" again
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
        CloseableIterator<ChaincodeEvent> it = events;
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
