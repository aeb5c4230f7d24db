package dev.fapiao.node.it;

import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Archive nodes for integration tests: own data folder and node id, the real network. */
final class ItNodes {

    private ItNodes() {
    }

    static NodeConfig config(Path dataDir, String nodeId) {
        return config(dataDir, nodeId, Map.of());
    }

    /** As {@link #config(Path, String)}, with more {@code FAPIAO_*} settings. */
    static NodeConfig config(Path dataDir, String nodeId, Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("FAPIAO_NODE_ID", nodeId);
        env.put("FAPIAO_NODE_DATA_DIR", dataDir.toString());
        env.put("FAPIAO_LEDGER_PROFILE", LedgerNetwork.repoRoot().resolve("run/network/network.json").toString());
        env.put("FAPIAO_ANCHORING_BATCH_AGE_MILLIS", "100");
        env.putAll(more);
        return new ConfigLoader().load(null, env);
    }

    static CompletableFuture<Receipt> submit(NodeRuntime rt, InvoiceGenerator gen, String issuer) {
        var invoice = gen.invoice(issuer, Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return rt.invoices().submit(new Submission(invoice, gen.document(invoice, 2_000, 5_000), "application/xml"));
    }

    /** Waits until everything in the outbox is anchored (or fails the test after {@code max}). */
    static void awaitDrained(NodeRuntime rt, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (rt.archive().anchors().outboxSize() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("outbox not drained: " + rt.archive().anchors().outboxSize() + " left; "
                        + rt.pipeline().stats());
            }
            Thread.sleep(100);
        }
    }
}
