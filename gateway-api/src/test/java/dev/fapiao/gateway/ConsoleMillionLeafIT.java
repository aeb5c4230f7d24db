package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.merkle.InvoiceLeaf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A retention proof bundle from a 1,000,000-leaf Merkle log, built by the gateway, anchored on the
 * real network, accepted by {@code invoice-node verify-proof} and verified by the console in headless
 * Chromium, timed ({@code src/main/console/test/e2e/million.e2e.mjs}; figures in docs/console.md).
 *
 * <p>Three real invoices are submitted through the API (one delivered, so the bundle carries three
 * blocks like any other); then 1,000,000 <em>synthetic</em> leaves are appended to the node's own
 * Merkle log through its append API — the only test-side shortcut, since anchoring a million
 * invoices would take hours. The node's Checkpointer then anchors the grown log on the ledger as
 * it always does (the chaincode verifies each consistency proof), and the bundle comes from
 * {@code GET /v1/invoices/{id}/proof}. A verifier touches only the invoice's leaf, its inclusion
 * path and the checkpoint, so the other leaves' contents do not change what is verified or its
 * cost; the log's size does (the path is 20 hashes instead of 2). The same invoice's bundle from
 * the 3-leaf log is timed alongside. No timing is asserted.
 */
class ConsoleMillionLeafIT {

    static final int SYNTHETIC = 1_000_000;
    static final int BATCH = 10_000;
    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (t != null) {
            t.close();
            // the node's data folder holds a 1,000,000-leaf log (about 90 MB): not left behind
            try (var paths = Files.walk(t.dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void bundleFromAMillionLeafLogVerifiesInJavaAndInChromium() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("million-enterprise", Caller.Role.ENTERPRISE, List.of(seller),
                Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("million-auditor", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        List<String> ids = t.anchoredInvoices(ent, seller, 3);
        String id = ids.get(0);

        ArchiveLog log = t.gateway.runtime().archiveLog();
        await("the 3 invoices' checkpoint", () -> anchoredSize(log) == 3);
        GatewayIT.Res small = proofAt(id, aud, 3);
        assertEquals(0, small.json().path("inclusion").path("leafIndex").asLong(), small.json().toString());

        long t0 = System.nanoTime();
        appendSynthetic(log);
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long size = log.size();
        assertEquals(3 + SYNTHETIC, size);
        await("the checkpoint of the grown log", () -> anchoredSize(log) == size);
        List<AnchoredCheckpoint> anchored = log.anchored();
        GatewayIT.Res million = proofAt(id, aud, size);
        assertEquals(20, million.json().path("inclusion").path("path").size(), "leaf 0 of 1,000,003: a 20-hash path");

        Path out = TestGateway.repoRoot().resolve("gateway-api/target/console-e2e-1m");
        Files.createDirectories(out);
        Path smallPath = out.resolve("bundle-3-leaves.json");
        Path millionPath = out.resolve("bundle-1000003-leaves.json");
        Path docPath = out.resolve("document.xml");
        Path trustPath = out.resolve("trust.json");
        Files.write(smallPath, small.body()); // the bytes as served: the bundle signature covers them
        Files.write(millionPath, million.body());
        Files.write(docPath, t.get("/v1/invoices/" + id + "/document", aud).body());
        Files.write(trustPath, t.get("/v1/trust", aud).body());

        // the Java verifier, as an auditor runs it (invoice-node verify-proof, in this JVM)
        long j0 = System.nanoTime();
        ProofCliIT.Run java = ProofCliIT.verify(millionPath, trustPath, docPath);
        double javaMs = (System.nanoTime() - j0) / 1e6;
        ProofCliIT.assertAllPassed(java);
        ProofCliIT.assertAllPassed(ProofCliIT.verify(smallPath, trustPath, docPath));

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        Path console = TestGateway.repoRoot().resolve("gateway-api/src/main/console");
        ProcessBuilder pb = new ProcessBuilder("node", "test/e2e/million.e2e.mjs").directory(console.toFile())
                .inheritIO();
        pb.environment().putAll(Map.of("CONSOLE_URL", t.base + "/console/", "ARTEFACTS", out.toString(),
                "BUNDLE_SMALL", smallPath.toString(), "BUNDLE_MILLION", millionPath.toString(),
                "TRUST", trustPath.toString(), "DOCUMENT", docPath.toString(), "RUNS", "10"));
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the browser script did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), "the browser script failed (its output is above)");
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        JsonNode results = Json.MAPPER.readTree(out.resolve("million-results.json").toFile());
        JsonNode m = results.path("bundles").path("million");
        assertEquals(size, m.path("treeSize").asLong(), results.toString());
        assertEquals(20, m.path("pathLength").asInt(), results.toString());
        // the page ran and passed the checks the Java verifier ran and passed; document-check is the
        // CLI's own re-reading of the document's claim, which no bundle verifier runs (retention-proof.md)
        List<String> pageChecks = new ArrayList<>();
        m.path("checks").forEach(c -> pageChecks.add(c.asText()));
        assertEquals(java.passed().stream().filter(c -> !c.equals("document-check")).toList(), pageChecks,
                results.toString());
        System.out.printf("ConsoleMillionLeafIT: %d synthetic leaves appended in %.1f s; %d checkpoints anchored"
                + " (sizes %s); Java verify-proof %.0f ms; loadavg before %s, after %s%n", SYNTHETIC, appendSeconds,
                anchored.size(), anchored.stream().map(AnchoredCheckpoint::treeSize).toList(), javaMs, loadBefore,
                loadAfter);
        results.path("bundles").fields().forEachRemaining(e -> System.out.printf(
                "ConsoleMillionLeafIT: in Chromium %s, %s: tree size %d, %d-hash path, %d checks pass;"
                        + " first %.1f ms, then median %.1f ms (min %.1f, max %.1f, %d runs)%n",
                results.path("chromium").asText(), e.getKey(), e.getValue().path("treeSize").asLong(),
                e.getValue().path("pathLength").asInt(), e.getValue().path("checks").size(),
                e.getValue().path("first").asDouble(), e.getValue().path("median").asDouble(),
                e.getValue().path("min").asDouble(), e.getValue().path("max").asDouble(),
                e.getValue().path("runs").asInt()));
        Files.writeString(out.resolve("million-run.json"), Json.text(Json.object().put("appendSeconds", appendSeconds)
                .put("checkpoints", anchored.size()).put("javaVerifyMs", javaMs).put("loadBefore", loadBefore)
                .put("loadAfter", loadAfter)));
    }

    /**
     * Appends the synthetic leaves in batches of {@link #BATCH}, each holding the log's monitor, so
     * that the node's own catch-up (synchronised on the log) never interleaves with a batch and
     * every real invoice keeps the leaf index recorded for it. The leaves are InvoiceLeaf encodings
     * with seeded random hashes; they name no archived invoice, so they get no index entries.
     */
    private static void appendSynthetic(ArchiveLog log) {
        Random random = new Random(12);
        int retainUntil = (int) java.time.LocalDate.of(2041, 12, 31).toEpochDay();
        for (int done = 0; done < SYNTHETIC; done += BATCH) {
            List<byte[]> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                byte[] doc = new byte[32];
                byte[] meta = new byte[32];
                random.nextBytes(doc);
                random.nextBytes(meta);
                String n = Integer.toString(done + i);
                batch.add(InvoiceLeaf.encode("SYNTHETIC000000000" + "0".repeat(20 - n.length()) + n, doc, meta,
                        retainUntil));
            }
            synchronized (log) {
                log.merkle().appendAll(batch);
            }
        }
    }

    private static long anchoredSize(ArchiveLog log) {
        return log.lastAnchored().map(AnchoredCheckpoint::treeSize).orElse(0L);
    }

    /** The invoice's bundle once it is built against the checkpoint of {@code treeSize} leaves. */
    private static GatewayIT.Res proofAt(String id, String token, long treeSize) throws Exception {
        GatewayIT.Res[] last = new GatewayIT.Res[1];
        await("a bundle at tree size " + treeSize, () -> {
            try {
                GatewayIT.Res r = t.get("/v1/invoices/" + id + "/proof", token);
                last[0] = r;
                return r.status() == 200 && r.json().path("inclusion").path("treeSize").asLong() == treeSize
                        && !r.json().path("status").path("evidence").isNull();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 minutes: " + what);
            }
            Thread.sleep(500);
        }
    }
}
