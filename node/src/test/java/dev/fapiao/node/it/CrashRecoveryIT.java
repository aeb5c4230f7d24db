package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the node with SIGKILL while it accepts and anchors invoices, restarts it, and
 * checks that every acknowledged invoice ends up anchored on chain exactly once.
 */
@ExtendWith(LedgerNetwork.class)
class CrashRecoveryIT {

    @Test
    void everyAcknowledgedInvoiceIsAnchoredExactlyOnceAfterKill9(NetworkProfile profile, @TempDir Path dir) throws Exception {
        String nodeId = "crash-" + System.nanoTime();
        String issuer = new InvoiceGenerator(System.nanoTime()).creditCode();
        List<String> acked = Collections.synchronizedList(new ArrayList<>());

        Process child = start("submit", dir, nodeId, issuer);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acked.add(line.substring(4));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        // let it acknowledge enough for several batches to be cut and in flight
        while (acked.size() < 3000 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(child.isAlive(), "the node died by itself; see its output");
        child.destroyForcibly(); // SIGKILL
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        List<String> ids = List.copyOf(acked);
        System.out.printf("crash: killed the node with SIGKILL after %d acknowledged invoices%n", ids.size());
        assertTrue(ids.size() >= 1000, "too few acknowledgements before the kill: " + ids.size());

        Process drain = start("drain", dir, nodeId, issuer);
        String out = new String(drain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(drain.waitFor(4, TimeUnit.MINUTES), "restarted node did not drain");
        assertEquals(0, drain.exitValue(), out);
        assertTrue(out.contains("DRAINED"), out);
        System.out.println("crash: restarted node " + out.lines().filter(l -> l.startsWith("DRAINED")).findFirst().orElse(""));

        try (Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).build())) {
            for (String id : ids) {
                assertTrue(archive.invoices().get(id).isPresent(), "acknowledged invoice lost: " + id);
                assertEquals(AnchorState.Phase.ANCHORED, archive.anchors().anchorState(id).phase(), id);
            }
        }
        ObjectMapper json = new ObjectMapper();
        try (LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"));
             LedgerConnection enterprise = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"))) {
            PeersInStep.await(enterprise, auditor); // the node's commits were confirmed by the enterprise peer
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> versions = new ArrayList<>();
            for (String id : ids) {
                versions.add(pool.submit(() -> json.readTree(auditor.contract().evaluateTransaction("getInvoiceHistory", id)).size()));
            }
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(1, versions.get(i).get(), "ledger versions of " + ids.get(i));
            }
            pool.shutdown();
        }
    }

    private static Process start(String mode, Path dir, String nodeId, String issuer) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                NodeChild.class.getName(), mode, dir.toString(), nodeId, issuer)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
