package dev.fapiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;

/**
 * Timestamps the on-chain commit of every invoice the load generator sent: one chaincode-event
 * stream (Fabric Gateway, from the next block on) delivers each {@code InvoicesAnchored} event when
 * the peer has committed its block; the invoices named in it that are {@link #expect expected} are
 * recorded as committed at that instant, and the event's item count is the transaction's batch size.
 * One gRPC stream and one small JSON parse per transaction: exact for every invoice, unlike polling
 * {@code GET /v1/invoices/{id}} for a sample (which would itself load the gateway).
 */
public final class CommitTracker implements AutoCloseable {

    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final PhaseRecorder rec;
    private final Network network;
    private final String chaincode;
    private volatile CloseableIterator<ChaincodeEvent> events;
    private volatile boolean closed;
    private long nextBlock = -1;
    private final Thread thread;

    public CommitTracker(Network network, String chaincode, PhaseRecorder rec) {
        this.rec = rec;
        this.network = network;
        this.chaincode = chaincode;
        this.events = network.newChaincodeEventsRequest(chaincode).build().getEvents();
        this.thread = new Thread(this::run, "commit-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Call before sending: the commit may be seen before the HTTP answer arrives. */
    public void expect(String invoiceId, long sentNanos) {
        pending.put(invoiceId, sentNanos);
    }

    /** The submission failed: no commit will come. */
    public void forget(String invoiceId) {
        pending.remove(invoiceId);
    }

    public int pending() {
        return pending.size();
    }

    /** Reads events; when the stream breaks (a saturated machine drops connections) resumes at the next block. */
    private void run() {
        while (!closed) {
            try {
                read();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                System.err.println("commit tracker: event stream ended (" + e.getMessage() + "); resuming at block "
                        + nextBlock);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
                var request = network.newChaincodeEventsRequest(chaincode);
                if (nextBlock >= 0) {
                    request = request.startBlock(nextBlock);
                }
                events = request.build().getEvents();
            }
        }
    }

    private void read() {
        while (events.hasNext()) {
            ChaincodeEvent e = events.next();
            long now = System.nanoTime();
            nextBlock = e.getBlockNumber(); // a block's events may be split by a break: read it again
            if (!e.getEventName().equals("InvoicesAnchored")) {
                continue;
            }
            JsonNode items;
            try {
                items = PhaseResult.JSON.readTree(e.getPayload()).path("items");
            } catch (java.io.IOException unreadable) {
                continue;
            }
            int ours = 0;
            for (JsonNode item : items) {
                Long sent = pending.remove(item.path("invoiceId").asText());
                if (sent != null) {
                    rec.committed(sent, now);
                    ours++;
                }
            }
            if (ours > 0) {
                rec.batch(items.size());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        events.close();
    }
}
