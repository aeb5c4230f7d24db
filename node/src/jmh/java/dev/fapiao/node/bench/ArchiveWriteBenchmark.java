package dev.fapiao.node.bench;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.RetentionPolicy;
import dev.fapiao.node.service.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The node's whole acknowledgement path: {@code InvoiceService.submit(...).join()} = validate, canonical
 * JSON, SM3 of a 20 KB original and the metadata, SM2 seal, durable RocksDB write with
 * {@code syncWrites = true} (group commit: one WAL fsync per group). Every invocation archives a new
 * invoice with its own, distinct document. A fresh archive directory per trial, under
 * {@code -Dbench.dir} (default {@code target/bench/tmp}, relative to the working directory; it must be
 * a real disk, not tmpfs, or fsync is free), deleted after the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ArchiveWriteBenchmark {

    @State(Scope.Benchmark)
    public static class Node {
        Path dir;
        Archive archive;
        InvoiceService node;
        final AtomicLong numbers = new AtomicLong();

        @Setup(Level.Trial)
        public void open() throws IOException {
            Path base = Path.of(System.getProperty("bench.dir", "target/bench/tmp"));
            Files.createDirectories(base);
            dir = Files.createTempDirectory(base.toAbsolutePath(), "archive-");
            Clock clock = Clock.systemUTC();
            archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).syncWrites(true).clock(clock).build());
            node = InvoiceService.create(archive, new Sealer(Sm2KeyPair.generate().privateKey()),
                    new RetentionPolicy(15), 20L << 20, () -> { }, clock, null);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            archive.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Per thread: a template invoice and its original; each call stamps a new number into
     * both. Originals of 4 KB (a typical 数电票 XML file) and 20 KB (OFD/PDF with seals).
     */
    @State(Scope.Thread)
    public static class Source {
        @Param({"4096", "20480"})
        int documentBytes;
        Invoice template;
        byte[] document;

        @Setup(Level.Trial)
        public void generate() {
            InvoiceGenerator gen = new InvoiceGenerator(Thread.currentThread().getId());
            template = gen.invoice(gen.creditCode(), Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
            document = gen.document(template, documentBytes, documentBytes);
        }

        Submission next(long n) {
            String number = pad20(n);
            Invoice t = template;
            Invoice inv = new Invoice(number, t.issueTime(), t.seller(), t.buyer(), t.lines(), t.totalAmount(),
                    t.totalTax(), t.totalWithTax(), t.currency(), t.remarks(), t.type(), t.reverses());
            byte[] doc = document.clone();
            // inside the padding of <SignatureValue>: every document is distinct (no deduplication)
            System.arraycopy(number.getBytes(StandardCharsets.US_ASCII), 0, doc, doc.length - 60, 20);
            return new Submission(inv, doc, "application/xml");
        }

        private static String pad20(long n) {
            String s = Long.toString(n);
            return "0".repeat(20 - s.length()) + s;
        }
    }

    @Benchmark
    @Threads(2)
    public Receipt submit2Threads(Node node, Source source) {
        return node.node.submit(source.next(node.numbers.incrementAndGet())).join();
    }

    @Benchmark
    @Threads(8)
    public Receipt submit8Threads(Node node, Source source) {
        return node.node.submit(source.next(node.numbers.incrementAndGet())).join();
    }

    /** Not a target figure: shows how throughput grows with concurrent submitters (bigger commit groups). */
    @Benchmark
    @Threads(64)
    public Receipt submit64Threads(Node node, Source source) {
        return node.node.submit(source.next(node.numbers.incrementAndGet())).join();
    }

    /**
     * Per thread: how many submissions may be outstanding. Asynchronous callers (HTTP
     * handlers, the batch endpoint) keep many writes in flight, which is what lets group
     * commit put many invoices behind one WAL sync.
     */
    @State(Scope.Thread)
    public static class Window {
        static final int IN_FLIGHT = 128;
        final Semaphore permits = new Semaphore(IN_FLIGHT);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        /** Every submission of the iteration is acknowledged (durable) before the next one starts. */
        @TearDown(Level.Iteration)
        public void drain() throws Throwable {
            permits.acquire(IN_FLIGHT);
            permits.release(IN_FLIGHT);
            Throwable t = failure.getAndSet(null);
            if (t != null) {
                throw t;
            }
        }
    }

    /**
     * The issue's target shape: seal + durable archive write using both cores. Two threads
     * each seal and submit, keeping up to 128 submissions outstanding. Counts started
     * submissions; at most 256 of an iteration's are acknowledged in its (untimed) teardown.
     */
    @Benchmark
    @Threads(2)
    public void submitPipelined2Threads(Node node, Source source, Window window) throws InterruptedException {
        window.permits.acquire();
        node.node.submit(source.next(node.numbers.incrementAndGet())).whenComplete((r, e) -> {
            if (e != null) {
                window.failure.compareAndSet(null, e);
            }
            window.permits.release();
        });
    }
}
