package dev.fapiao.node.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real OpenSSL 3 CLI for interoperability tests. A missing or old openssl fails the
 * test: interoperability is a requirement, not an optional extra.
 */
public final class OpenSsl {
    public record Result(int exitCode, String out, String err) {
        public Result ok() {
            assertEquals(0, exitCode, "openssl failed: " + err + out);
            return this;
        }
    }

    private final Path dir;

    public OpenSsl(Path dir) {
        this.dir = dir;
        String version = run("version").ok().out();
        assertTrue(version.startsWith("OpenSSL 3."), "need OpenSSL 3, found: " + version);
    }

    static String binary() {
        String p = System.getProperty("fapiao.openssl");
        if (p != null) {
            return p;
        }
        return Files.isExecutable(Path.of("/usr/bin/openssl")) ? "/usr/bin/openssl" : "openssl";
    }

    /** Runs openssl in the working directory given at construction. */
    public Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "openssl", ".out");
            Path err = Files.createTempFile(dir, "openssl", ".err");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
