package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code renew}: usage and precondition errors are one line and exit 2 (the renewal itself: RenewalIT). */
class RenewCommandTest {
    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        CommandLine cl = InvoiceNodeCli.newCommandLine(new CliEnvironment(env, prompt -> null));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static void assertOneLineError(Run r, String expected) {
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "expected one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack traces: " + err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    @Test
    void usageErrors() throws Exception {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "node:\n  dataDir: " + dir.resolve("node") + "\n");
        assertOneLineError(run("renew", "--config", config.toString(), "--algorithm", "MD5"),
                "--algorithm must be SHA-256 or SHA3-256, got 'MD5'");
        assertOneLineError(run("renew", "--config", config.toString(), "--algorithm", "SM3"),
                "--algorithm must be SHA-256 or SHA3-256");
        assertOneLineError(run("renew", "--config", config.toString()), "Missing required option: '--algorithm=NAME'");
        assertOneLineError(run("renew", "--algorithm", "SHA-256"), "Missing required option: '--config=FILE'");
        assertOneLineError(run("renew", "--config", config.toString(), "--algorithm", "SHA-256"),
                "no Merkle log at");
        Files.writeString(config, "node:\n  dataDir: " + dir.resolve("node") + "\ncheckpoint:\n  enabled: false\n");
        assertOneLineError(run("renew", "--config", config.toString(), "--algorithm", "SHA3-256"),
                "checkpoint.enabled is false");
        Files.writeString(config, "node:\n  dataDir: " + dir.resolve("node") + "\n");
        Files.createDirectories(dir.resolve("node/merkle"));
        assertOneLineError(run("renew", "--config", config.toString(), "--algorithm", "SHA-256"), "no seal key at");
        Run help = run("renew", "--help");
        assertEquals(ExitCodes.OK, help.code());
        assertTrue(help.out().contains("--algorithm=NAME"), help.out());
    }
}
