package dev.fapiao.node.it;

import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Submits invoices to an in-process node (at most 64 in flight; unpaced, or at a steady rate)
 * while a test changes the network underneath, and keeps the id of every acknowledged one.
 */
final class SteadyLoad implements AutoCloseable {

    private static final int WINDOW = 64;

    private final List<String> acked = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> refused = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore window = new Semaphore(WINDOW);
    private final Thread thread;
    private volatile boolean stopped;

    private SteadyLoad(NodeRuntime rt, InvoiceGenerator gen, String issuer, int perSecond) {
        long pauseNanos = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (!stopped) {
                try {
                    window.acquire();
                    next += pauseNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                ItNodes.submit(rt, gen, issuer).whenComplete((r, e) -> {
                    if (r != null) {
                        acked.add(r.invoice().invoiceId());
                    } else {
                        refused.add(e);
                    }
                    window.release();
                });
            }
        }, "steady-load");
    }

    /** As fast as the node acknowledges. */
    static SteadyLoad start(NodeRuntime rt, InvoiceGenerator gen, String issuer) {
        return paced(rt, gen, issuer, 0);
    }

    /** About {@code perSecond} submissions a second (0: unpaced). */
    static SteadyLoad paced(NodeRuntime rt, InvoiceGenerator gen, String issuer, int perSecond) {
        SteadyLoad load = new SteadyLoad(rt, gen, issuer, perSecond);
        load.thread.start();
        return load;
    }

    int ackedCount() {
        return acked.size();
    }

    /** Waits until at least {@code n} invoices are acknowledged (fails the test after {@code seconds}). */
    void awaitAcked(int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (acked.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acked.size() + " of " + n + " acknowledged; refused: " + refused);
            }
            Thread.sleep(20);
        }
    }

    /** Stops submitting, waits for every submission in flight, returns the acknowledged ids. */
    List<String> stop() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
        if (!window.tryAcquire(WINDOW, 60, TimeUnit.SECONDS)) {
            throw new AssertionError("submissions still in flight after 60 s");
        }
        window.release(WINDOW);
        return List.copyOf(acked);
    }

    List<Throwable> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopped) {
            stop();
        }
    }
}
