package dev.fapiao.node.merkle;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared RFC 6962 vectors in {@code ../shared/testdata/rfc6962}, found from the
 * {@code fapiao.root} system property (set by surefire to the repository root) or by walking up
 * from the working directory. A missing folder fails the test; it is never a reason to skip.
 */
public final class MerkleTestData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MerkleTestData() {
    }

    public static Path rfc6962() {
        List<Path> tried = new ArrayList<>();
        String root = System.getProperty("fapiao.root");
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).toAbsolutePath().resolve("../shared/testdata/rfc6962").normalize();
            tried.add(p);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("../shared/testdata/rfc6962").normalize();
            tried.add(p);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return fail("shared RFC 6962 vectors not found; tried " + tried + " (fapiao.root=" + root + ")");
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** All JSON files under {@code rfc6962/<folder>}, sorted. */
    public static List<Path> vectorFiles(String folder) {
        Path dir = rfc6962().resolve(folder);
        if (!Files.isDirectory(dir)) {
            fail("vector folder missing: " + dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] b64(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new IllegalStateException("missing base64 field");
        }
        return Base64.getDecoder().decode(n.asText());
    }

    /** A proof field: {@code null} and {@code []} both mean the empty proof. */
    public static List<byte[]> proof(JsonNode n) {
        List<byte[]> out = new ArrayList<>();
        if (n != null && !n.isNull()) {
            n.forEach(e -> out.add(b64(e)));
        }
        return out;
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
