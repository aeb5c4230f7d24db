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
    private final CloseableIterator<ChaincodeEvent> events;
    private final Thread thread;

    public CommitTracker(Network network, String chaincode, PhaseRecorder rec) {
        this.rec = rec;
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

    private void run() {
        try {
            while (events.hasNext()) {
                ChaincodeEvent e = events.next();
                long now = System.nanoTime();
                if (!e.getEventName().equals("InvoicesAnchored")) {
                    continue;
                }
                JsonNode items = PhaseResult.JSON.readTree(e.getPayload()).path("items");
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
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                System.err.println("commit tracker: event stream ended: " + e);
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        events.close();
    }
}
