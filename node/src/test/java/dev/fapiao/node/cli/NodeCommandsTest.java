package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.archive.ArchiveTestHooks;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.RetentionPolicy;
import dev.fapiao.node.service.Submission;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve / backup / restore / backups / verify-archive, in-process with captured streams. */
class NodeCommandsTest {
    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();
    Path config;
    Path archiveDir;
    /** invoice id → original document, as submitted. */
    final Map<String, byte[]> documents = new LinkedHashMap<>();

    Run run(String... args) {
        CommandLine cl = InvoiceNodeCli.newCommandLine(new CliEnvironment(env, prompt -> null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    String p(String name) {
        return dir.resolve(name).toString();
    }

    static void assertOneLineError(Run r, String expected) {
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "expected one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack traces: " + err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    @BeforeEach
    void config() throws Exception {
        archiveDir = dir.resolve("node/archive");
        config = dir.resolve("node.yaml");
        Files.writeString(config, "node:\n  dataDir: " + dir.resolve("node") + "\n");
    }

    Archive openArchive(Path path) {
        return Archive.open(ArchiveOptions.builder(path).syncWrites(false).build());
    }

    /** Archives {@code n} generated invoices through the InvoiceService (validate, seal, archive). */
    void seed(int n) {
        Clock clock = Clock.systemUTC();
        try (Archive archive = openArchive(archiveDir)) {
            InvoiceService node = InvoiceService.create(archive, new Sealer(Sm2KeyPair.generate().privateKey()),
                    new RetentionPolicy(15), 20L << 20, () -> { }, clock, null);
            InvoiceGenerator gen = new InvoiceGenerator(n);
            String seller = gen.creditCode();
            Instant issued = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < n; i++) {
                Invoice inv = gen.invoice(seller, issued.plusSeconds(i));
                byte[] doc = gen.document(inv, 2_000, 30_000);
                node.submit(new Submission(inv, doc, "application/xml")).join();
                documents.put(inv.id().format(), doc);
            }
        }
    }

    @Test
    void backupRestoreRoundTrip() throws Exception {
        seed(6);
        Map<String, ArchivedInvoice> before = new LinkedHashMap<>();
        try (Archive a = openArchive(archiveDir)) {
            documents.keySet().forEach(id -> before.put(id, a.invoices().get(id).orElseThrow()));
        }

        Run backup = run("backup", "--config", config.toString(), "--to", p("backups"));
        assertEquals(0, backup.code(), backup.toString());
        assertTrue(backup.out().startsWith("backup 1 of " + archiveDir), backup.out());
        // incremental: a second backup shares the files
        assertEquals(0, run("backup", "--config", config.toString(), "--to", p("backups")).code());

        Run list = run("backups", "--from", p("backups"));
        assertEquals(0, list.code(), list.toString());
        List<String> lines = list.out().strip().lines().toList();
        assertEquals(3, lines.size(), list.out());
        assertTrue(lines.get(0).startsWith("ID") && lines.get(1).startsWith("1 ") && lines.get(2).startsWith("2 "),
                list.out());

        Run restore = run("restore", "--from", p("backups"), "--to", p("restored"), "--backup-id", "1");
        assertEquals(0, restore.code(), restore.toString());
        assertTrue(restore.out().startsWith("restored backup 1 "), restore.out());
        try (Archive r = openArchive(dir.resolve("restored"))) {
            for (var e : documents.entrySet()) {
                ArchivedInvoice inv = r.invoices().get(e.getKey()).orElseThrow();
                assertEquals(before.get(e.getKey()), inv);
                assertArrayEquals(e.getValue(), r.documents().document(inv.docHash()).orElseThrow());
                assertEquals(ArchivedInvoice.class, inv.getClass());
            }
            assertEquals(6L, r.invoices().countByStatus().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(6L, r.anchors().outboxSize());
        }
        // the newest by default, into an existing empty directory
        Files.createDirectories(dir.resolve("restored2"));
        assertEquals(0, run("restore", "--from", p("backups"), "--to", p("restored2")).code());
        assertEquals(0, run("verify-archive", "--config", config.toString()).code());
    }

    @Test
    void restoreRefusesNonEmptyTargetAndBadInput() throws Exception {
        seed(2);
        assertEquals(0, run("backup", "--config", config.toString(), "--to", p("backups")).code());

        Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(dir.resolve("occupied/keep.txt"), "mine");
        assertOneLineError(run("restore", "--from", p("backups"), "--to", p("occupied")), "non-empty directory");
        assertEquals(List.of(dir.resolve("occupied/keep.txt")), Files.list(dir.resolve("occupied")).toList());
        // the live archive itself is never a valid target
        assertOneLineError(run("restore", "--from", p("backups"), "--to", archiveDir.toString()), "non-empty directory");

        assertOneLineError(run("restore", "--from", p("backups"), "--to", p("r1"), "--backup-id", "9"), "no backup 9");
        assertOneLineError(run("restore", "--from", p("nothing"), "--to", p("r2")), "no backup directory");
        assertOneLineError(run("restore", "--from", p("backups")), "--to");
        assertOneLineError(run("backups", "--from", p("nothing")), "no backup directory");
        Files.createDirectories(dir.resolve("empty"));
        assertOneLineError(run("restore", "--from", p("empty"), "--to", p("r3")), "no backups in");
    }

    @Test
    void backupNeedsAnExistingArchiveThatNoOtherProcessHolds() throws Exception {
        assertOneLineError(run("backup", "--config", config.toString(), "--to", p("backups")), "no archive at");
        assertFalse(Files.exists(archiveDir), "must not create an empty archive");
        seed(1);
        try (Archive running = openArchive(archiveDir)) {
            assertOneLineError(run("backup", "--config", config.toString(), "--to", p("backups")), "in use");
            assertOneLineError(run("verify-archive", "--config", config.toString()), "in use");
        }
        assertOneLineError(run("backup", "--to", p("backups")), "--config");
        assertTrue(run("backup", "--help").out().contains("node is stopped"));
    }

    @Test
    void verifyArchiveCleanThenCorrupted() throws Exception {
        seed(5);
        Run clean = run("verify-archive", "--config", config.toString());
        assertEquals(0, clean.code(), clean.toString());
        assertTrue(clean.out().contains("5 invoices checked, 5 ok, 0 with mismatches"), clean.out());
        assertTrue(clean.out().strip().endsWith("OK"), clean.out());
        assertFalse(clean.out().contains("MISMATCH"), clean.out());

        List<String> ids = List.copyOf(documents.keySet());
        String badDoc = ids.get(1);
        String badRecord = ids.get(3);
        try (Archive a = openArchive(archiveDir)) {
            ArchiveTestHooks.corruptDocument(a, a.invoices().get(badDoc).orElseThrow().docHash());
            ArchiveTestHooks.corruptInvoiceRecord(a, badRecord);
        }
        Run bad = run("verify-archive", "--config", config.toString(), "--progress");
        assertEquals(ExitCodes.INVALID, bad.code(), bad.toString());
        assertTrue(bad.out().contains("MISMATCH " + badDoc + ": document: corrupted value in column family 'documents'"),
                bad.out());
        assertTrue(bad.out().contains("MISMATCH " + badRecord + ": record: corrupted value in column family 'invoices'"),
                bad.out());
        assertTrue(bad.out().contains("5 invoices checked, 3 ok, 2 with mismatches"), bad.out());
        assertTrue(bad.out().strip().endsWith("FAILED"), bad.out());
        assertTrue(bad.err().contains("verify") && bad.err().contains("5/5"), "progress bar: " + bad.err());
        assertEquals(2, bad.out().lines().filter(l -> l.startsWith("MISMATCH")).count(), bad.out());
    }

    @Test
    void verifyArchiveUsageAndConfigErrors() throws Exception {
        assertOneLineError(run("verify-archive", "--config", config.toString()), "no archive at");
        assertOneLineError(run("verify-archive", "--threads", "0"), "--threads");
        Files.writeString(dir.resolve("bad.yaml"), "archive:\n  sizeLimit: 3\n");
        Run r = run("verify-archive", "--config", p("bad.yaml"));
        assertOneLineError(r, "archive.sizeLimit");
        assertTrue(r.err().startsWith("config: "), r.err());
        seed(1);
        Files.writeString(dir.resolve("noprofile.yaml"), "node:\n  dataDir: " + dir.resolve("node")
                + "\nledger:\n  profile: " + dir.resolve("missing.json") + "\n");
        assertOneLineError(run("verify-archive", "--config", p("noprofile.yaml"), "--ledger"), "config: ledger.profile:");
    }

    @Test
    void serveWithBadConfigurationExits2NamingTheKey() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "node:\n  id: node-9\n  bogus: 1\n");
        Run r = run("serve", "--config", p("bad.yaml"));
        assertOneLineError(r, "config: unknown configuration key 'node.bogus'");
        assertTrue(r.err().startsWith("config: "), r.err());

        env.put("FAPIAO_ANCHORING_BATCH_SIZE", "0");
        assertOneLineError(run("serve", "--config", config.toString()), "config: anchoring.batchSize:");
        env.clear();

        assertOneLineError(run("serve", "--config", p("missing.yaml")), "config: config file");

        // a valid configuration whose ledger profile is missing: refused before anything listens
        Files.writeString(dir.resolve("noledger.yaml"), "node:\n  dataDir: " + dir.resolve("node")
                + "\nledger:\n  profile: " + dir.resolve("missing.json") + "\n");
        assertOneLineError(run("serve", "--config", p("noledger.yaml")), "config: ledger.profile:");
    }

    @Test
    void helpListsTheNodeCommands() {
        String help = run("--help").out();
        for (String c : List.of("serve", "backup", "restore", "backups", "verify-archive")) {
            assertTrue(help.contains(c), c + " in " + help);
            assertEquals(0, run(c, "--help").code(), c);
        }
    }
}
