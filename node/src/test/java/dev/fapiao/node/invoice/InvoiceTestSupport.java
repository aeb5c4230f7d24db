package dev.fapiao.node.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared fixtures: a fixed clock, the sample resources, the shared test-data folder. */
public final class InvoiceTestSupport {

    static final Instant NOW = Instant.parse("2025-10-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final InvoiceValidator VALIDATOR = new InvoiceValidator(CLOCK);

    private InvoiceTestSupport() {
    }

    static byte[] resource(String name) {
        try (InputStream in = InvoiceTestSupport.class.getResourceAsStream("/invoice/" + name)) {
            assertNotNull(in, "missing test resource /invoice/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Invoice sample(String name) {
        return InvoiceJson.parse(resource(name));
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Asserts exactly one error, with this field and code. */
    static void assertOnly(List<FieldError> errors, String field, String code) {
        assertEquals(List.of(field + "/" + code),
                errors.stream().map(e -> e.field() + "/" + e.code()).toList(), () -> errors.toString());
    }

    /**
     * {@code ../shared/testdata} (beside the repository): from the {@code fapiao.root} system property (set by surefire
     * to the repository root), else found by walking up from the working directory. Missing
     * data fails the test: a skipped vector test would silently prove nothing.
     */
    public static Path sharedTestData() {
        String root = System.getProperty("fapiao.root");
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).resolve("../shared/testdata").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return fail("shared test data not found: neither ${fapiao.root}/../shared/testdata (fapiao.root="
                + root + ") nor ../shared/testdata above " + Path.of("").toAbsolutePath());
    }
}
