package dev.fapiao.node.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Locates the repository root (system property {@code fapiao.root}, set by surefire, else the
 * nearest ancestor of the working directory holding node/pom.xml) and the shared test data next
 * to it. Missing data is an error, never a reason to skip.
 */
public final class TestData {
    private TestData() {
    }

    public static Path repoRoot() {
        String prop = System.getProperty("fapiao.root");
        if (prop != null && !prop.isBlank() && Files.isRegularFile(Path.of(prop, "node", "pom.xml"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("node/pom.xml"))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("cannot find the repository root (set -Dfapiao.root)");
    }

    public static Path sharedTestData() {
        Path p = repoRoot().resolve("../shared/testdata").normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared test data missing: " + p);
        }
        return p;
    }

    public static JsonNode smVectors() {
        Path f = sharedTestData().resolve("sm/sm-vectors.json");
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    public static byte[] hex(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new IllegalStateException("missing hex field in vectors");
        }
        return HexFormat.of().parseHex(n.asText());
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
