package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.BackpressureException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link ArchiveDurabilityTest}: puts invoices from several threads until
 * killed, printing {@code ACK <id>} (flushed) after each put's future completed.
 */
public final class DurabilityChild {
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        Archive archive = Archive.open(ArchiveOptions.defaults(path));
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        AtomicLong next = new AtomicLong(1);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                while (true) {
                    ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, next.getAndIncrement());
                    try {
                        archive.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
                    } catch (RuntimeException e) {
                        if (e.getCause() instanceof BackpressureException || e instanceof BackpressureException) {
                            continue;
                        }
                        throw e;
                    }
                    synchronized (out) {
                        out.println("ACK " + inv.invoiceId());
                        out.flush();
                    }
                }
            }, "putter-" + t);
            th.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
