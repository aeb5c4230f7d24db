package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during a stream of puts loses no acknowledged invoice. */
class ArchiveDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedPutsSurviveSigkill() throws Exception {
        Path db = dir.resolve("db");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), db.toString(), "8");
        pb.redirectError(dir.resolve("child.err").toFile());
        Process child = pb.start();
        List<String> acked = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        synchronized (acked) {
                            acked.add(line.substring(4));
                        }
                        firstAck.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // stream closed by the kill
            }
        });
        reader.start();
        try {
            assertTrue(ready.await(30, TimeUnit.SECONDS), "child did not start");
            // the first put warms up the child JVM (seconds on a loaded machine); the kill comes mid-stream
            firstAck.await(30, TimeUnit.SECONDS);
            Thread.sleep(1500);
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        reader.join(10_000);
        List<String> ids;
        synchronized (acked) {
            ids = List.copyOf(acked);
        }
        assertTrue(ids.size() > 10, "too few acknowledged puts: " + ids.size());
        try (Archive archive = Archive.open(ArchiveOptions.defaults(db))) {
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                ArchivedInvoice inv = archive.invoices().get(id).orElseThrow(() -> new AssertionError("lost " + id));
                byte[] doc = archive.documents().document(inv.docHash()).orElseThrow(() -> new AssertionError("lost doc " + id));
                assertArrayEquals(Fixtures.document(id), doc);
                assertEquals(AnchorState.Phase.PENDING, archive.anchors().anchorState(id).phase());
                seen.add(id);
            }
            assertEquals(ids.size(), seen.size());
            long stored = archive.invoices().countByStatus().get(InvoiceStatus.ISSUED);
            assertTrue(stored >= ids.size());
            assertEquals(stored, archive.anchors().outboxSize());
            assertEquals(stored, archive.anchors().outbox(0, Integer.MAX_VALUE).size());
            System.out.printf("durability: %d acknowledged, %d stored after SIGKILL%n", ids.size(), stored);
        }
    }
}
