package dev.fapiao.node.cli;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.InvoiceLedger;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Objects;
import dev.fapiao.node.checkpoint.ArchiveLog;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify-archive}: re-hashes every archived document (SM3) against its record's docHash and
 * size, and the stored canonical metadata against metaHash; with {@code --ledger}, also compares
 * docHash/metaHash with what the chaincode anchored ({@code getInvoice}, evaluated in parallel as
 * the configured identity). Every mismatch is printed on stdout, then a summary.
 */
@Command(name = "verify-archive", mixinStandardHelpOptions = true,
        description = {"Check every archived invoice: SM3 of its document against the record's docHash and size, "
                + "SM3 of its canonical metadata against metaHash; with --ledger also against the hashes anchored "
                + "on the ledger.",
            "Opens the archive itself: run it while the node is stopped (RocksDB allows one process).",
            "Exit 0 all match, 1 any mismatch, corruption or unanswered ledger query, 2 usage/config error."})
final class VerifyArchiveCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "node configuration (default: built-in defaults and FAPIAO_* variables)")
    Path config;

    @Option(names = "--ledger", description = "also compare with the hashes anchored on the ledger (getInvoice)")
    boolean ledger;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "N", description = "parallel ledger queries (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--progress", negatable = true, description = "progress bar on stderr (default: when there is a terminal)")
    Boolean progress;

    VerifyArchiveCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1 || threads > 64) {
            throw new CliException("--threads must be between 1 and 64");
        }
        NodeConfig cfg = CliNode.config(config, env);
        LedgerSettings ledgerSettings = ledger ? CliNode.ledgerSettings(cfg) : null;
        PrintWriter out = spec.commandLine().getOut();
        Tally tally = new Tally(out);
        try (Archive archive = CliNode.openExisting(cfg.archivePath(), cfg)) {
            long total = archive.invoices().countByStatus().values().stream().mapToLong(Long::longValue).sum();
            try (Ledger conn = ledgerSettings == null ? null : CliNode.openLedger(ledgerSettings);
                 Progress bar = progress(total)) {
                ExecutorService pool = conn == null ? null : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "verify-ledger");
                    t.setDaemon(true);
                    return t;
                });
                Semaphore inFlight = new Semaphore(threads * 8);
                try {
                    archive.invoices().forEachInvoice(invoice -> {
                        tally.checked.incrementAndGet();
                        checkLocal(archive.documents(), invoice, tally);
                        if (pool == null) {
                            bar.step();
                            return;
                        }
                        inFlight.acquireUninterruptibly();
                        pool.execute(() -> {
                            try {
                                checkLedger(conn, archive.anchors(), invoice, tally);
                            } finally {
                                inFlight.release();
                                bar.step();
                            }
                        });
                    }, corrupted -> {
                        tally.checked.incrementAndGet();
                        tally.mismatch(corrupted.key(), "record: " + corrupted.getMessage());
                        bar.step();
                    });
                } finally {
                    if (pool != null) {
                        pool.shutdown();
                        pool.awaitTermination(1, TimeUnit.HOURS);
                    }
                }
            }
            checkMerkleLog(cfg, archive, tally, spec.commandLine().getOut());
        }
        tally.summary(cfg.archivePath(), ledger);
        return tally.clean() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** The Merkle log (when the node keeps one) against the archive it follows: one leaf per archived invoice. */
    private static void checkMerkleLog(NodeConfig cfg, Archive archive, Tally tally, PrintWriter out) {
        if (!cfg.checkpoint().enabled() || !Files.isDirectory(cfg.merklePath())) {
            return;
        }
        try (ArchiveLog merkle = ArchiveLog.open(cfg.merklePath(), archive.feed())) {
            List<String> problems = merkle.verifyAgainstArchive(100);
            problems.forEach(p -> tally.mismatch("merkle-log", p));
            out.printf("Merkle log %s: %d leaves up to archive position %d, %s%n", cfg.merklePath(), merkle.size(),
                    merkle.cursor(), problems.isEmpty() ? "consistent with the archive" : problems.size() + " problem(s)");
        }
    }

    /** Document (re-hashed here, on top of the archive's own read check) and metadata against the record. */
    private static void checkLocal(DocumentStore documents, ArchivedInvoice inv, Tally tally) {
        boolean ok = true;
        String metaHash = Sm3.hashHex(inv.metadataJson() == null ? new byte[0]
                : inv.metadataJson().getBytes(StandardCharsets.UTF_8));
        if (!metaHash.equals(inv.metaHash())) {
            ok = tally.mismatch(inv.invoiceId(), "metadata: SM3 of the stored canonical metadata is " + metaHash
                    + ", the record's metaHash " + inv.metaHash());
        }
        Optional<byte[]> doc;
        try {
            doc = documents.document(inv.docHash());
        } catch (CorruptedRecordException e) {
            tally.mismatch(inv.invoiceId(), "document: " + e.getMessage());
            return;
        }
        if (doc.isEmpty()) {
            if (inv.disposed()) {
                tally.disposed.incrementAndGet();   // a tombstone: its document may be gone
                if (ok) {
                    tally.ok.incrementAndGet();
                }
                return;
            }
            tally.mismatch(inv.invoiceId(), "document: missing (docHash " + inv.docHash() + ")");
            return;
        }
        byte[] d = doc.get();
        String docHash = Sm3.hashHex(d);
        if (!docHash.equals(inv.docHash())) {
            ok = tally.mismatch(inv.invoiceId(), "document: SM3 is " + docHash + ", the record's docHash " + inv.docHash());
        }
        if (d.length != inv.documentSize()) {
            ok = tally.mismatch(inv.invoiceId(), "document: " + d.length + " bytes, the record says " + inv.documentSize());
        }
        if (ok) {
            tally.ok.incrementAndGet();
        }
    }

    private static void checkLedger(InvoiceLedger conn, AnchorStore anchors, ArchivedInvoice inv, Tally tally) {
        if (tally.ledgerDown.get() != null) {
            tally.ledgerUnchecked.incrementAndGet();
            return;
        }
        String id = inv.invoiceId();
        InvoiceRecord onLedger;
        try {
            Optional<InvoiceRecord> found = conn.invoice(id);
            if (found.isEmpty()) {
                AnchorState state = anchorState(anchors, id);
                if (state != null && state.phase() == AnchorState.Phase.ANCHORED) {
                    tally.ledgerMismatch(id, "ledger: not anchored, but the archive records it anchored in tx "
                            + state.txId() + " (block " + state.blockNumber() + ")");
                } else {
                    tally.ledgerPending.incrementAndGet();
                }
                return;
            }
            onLedger = found.get();
        } catch (LedgerUnavailableException e) {
            // transport / peer trouble: every further query would fail the same way
            if (tally.ledgerDown.compareAndSet(null, oneLine(e.getMessage()))) {
                tally.out.println("ledger: query failed, no further ledger checks: " + oneLine(e.getMessage()));
            }
            tally.ledgerUnchecked.incrementAndGet();
            return;
        } catch (ChaincodeRefusedException e) {
            tally.ledgerError(id, e.getMessage());
            return;
        } catch (RuntimeException e) {
            tally.ledgerError(id, "unreadable answer: " + oneLine(e.getMessage()));
            return;
        }
        boolean ok = true;
        for (String field : new String[] {"docHash", "metaHash"}) {
            String anchored = Objects.toString(field.equals("docHash") ? onLedger.docHash() : onLedger.metaHash(), "");
            String archived = field.equals("docHash") ? inv.docHash() : inv.metaHash();
            if (!archived.equals(anchored)) {
                ok = false;
                tally.ledgerMismatch(id, "ledger: anchored " + field + " " + anchored + ", archived " + archived);
            }
        }
        if (ok) {
            tally.ledgerOk.incrementAndGet();
        }
    }

    private static AnchorState anchorState(AnchorStore anchors, String id) {
        try {
            return anchors.anchorState(id);
        } catch (UnknownInvoiceException | CorruptedRecordException e) {
            return null;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private Progress progress(long total) {
        boolean show = progress != null ? progress : System.console() != null;
        if (!show) {
            return new Progress(null);
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressBarConsumer consumer = new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return 100;
            }

            @Override
            public void accept(String rendered) {
                synchronized (err) {
                    err.print("\r" + rendered);
                    err.flush();
                }
            }

            @Override
            public void close() {
                synchronized (err) {
                    err.println();
                    err.flush();
                }
            }
        };
        return new Progress(new ProgressBarBuilder().setTaskName("verify").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(consumer)
                .setUnit(" inv", 1).build());
    }

    /** The progress bar, or nothing. */
    private static final class Progress implements AutoCloseable {
        private final ProgressBar bar;

        Progress(ProgressBar bar) {
            this.bar = bar;
        }

        void step() {
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Counters, and mismatch lines printed as they are found. */
    private static final class Tally {
        final PrintWriter out;
        final AtomicLong checked = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong disposed = new AtomicLong();
        final AtomicInteger mismatched = new AtomicInteger();
        final AtomicLong ledgerOk = new AtomicLong();
        final AtomicLong ledgerPending = new AtomicLong();
        final AtomicLong ledgerMismatched = new AtomicLong();
        final AtomicLong ledgerErrors = new AtomicLong();
        final AtomicLong ledgerUnchecked = new AtomicLong();
        final AtomicReference<String> ledgerDown = new AtomicReference<>();

        Tally(PrintWriter out) {
            this.out = out;
        }

        /** Prints the mismatch; returns false (for {@code ok = mismatch(...)}). */
        boolean mismatch(String id, String what) {
            mismatched.incrementAndGet();
            print(id, what);
            return false;
        }

        void ledgerMismatch(String id, String what) {
            ledgerMismatched.incrementAndGet();
            print(id, what);
        }

        void ledgerError(String id, String what) {
            ledgerErrors.incrementAndGet();
            print(id, "ledger: " + what);
        }

        private void print(String id, String what) {
            synchronized (out) {
                out.println("MISMATCH " + id + ": " + oneLine(what));
                out.flush();
            }
        }

        boolean clean() {
            return mismatched.get() == 0 && ledgerMismatched.get() == 0 && ledgerErrors.get() == 0
                    && ledgerUnchecked.get() == 0;
        }

        void summary(Path archive, boolean ledger) {
            out.printf("archive %s: %d invoices checked, %d ok, %d with mismatches%s%n", archive, checked.get(),
                    ok.get(), mismatched.get(), disposed.get() == 0 ? ""
                            : " (" + disposed.get() + " disposed, document no longer kept)");
            if (ledger) {
                out.printf("ledger: %d match, %d not anchored yet, %d mismatch, %d query errors, %d not checked%s%n",
                        ledgerOk.get(), ledgerPending.get(), ledgerMismatched.get(), ledgerErrors.get(),
                        ledgerUnchecked.get(), ledgerDown.get() == null ? "" : " (ledger unavailable)");
            }
            out.println(clean() ? "OK" : "FAILED");
            out.flush();
        }
    }
}
