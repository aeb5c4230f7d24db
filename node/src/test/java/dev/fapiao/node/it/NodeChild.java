package dev.fapiao.node.it;

import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Receipt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A node in its own JVM, for crash tests. {@code submit DIR NODE_ID ISSUER}: submits
 * invoices forever, printing {@code ACK <id>} once each is durably acknowledged.
 * {@code drain DIR NODE_ID}: starts (resuming from the outbox), waits until everything is
 * anchored, prints {@code DRAINED} and exits.
 */
public final class NodeChild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir, args[2]), Clock.systemUTC())) {
            if (args[0].equals("drain")) {
                ItNodes.awaitDrained(rt, Duration.ofMinutes(3));
                System.out.println("DRAINED " + rt.pipeline().stats());
                System.out.flush();
                return;
            }
            InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
            Semaphore window = new Semaphore(64);
            while (true) {
                window.acquire();
                CompletableFuture<Receipt> f = ItNodes.submit(rt, gen, args[3]);
                f.whenComplete((r, e) -> {
                    window.release();
                    if (r != null) {
                        synchronized (System.out) {
                            System.out.println("ACK " + r.invoice().invoiceId());
                            System.out.flush();
                        }
                    }
                });
            }
        }
    }
}
