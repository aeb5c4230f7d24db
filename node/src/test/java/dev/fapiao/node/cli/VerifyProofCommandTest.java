package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-proof} on the recorded real bundle (test resources /proof, see RetentionProofVerifierTest). */
class VerifyProofCommandTest {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.of(args);
    }

    String p(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void copyFixture() throws Exception {
        for (String name : new String[] {"bundle.json", "trust.json", "document.xml"}) {
            try (InputStream in = getClass().getResourceAsStream("/proof/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    @Test
    void validBundleExitsZeroWithALinePerCheck() {
        CliRun r = run("verify-proof", p("bundle.json"), "--trust", p("trust.json"), "--document", p("document.xml"));
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("PASS document-hash: "), r.out());
        assertTrue(r.out().contains("PASS anchor-block.orderer-signature: "), r.out());
        assertTrue(r.out().strip().endsWith("VALID: all 48 checks passed"), r.out());
        CliRun noDoc = run("verify-proof", p("bundle.json"), "--trust", p("trust.json"));
        assertEquals(ExitCodes.OK, noDoc.code());
        assertTrue(noDoc.out().contains("SKIP document-hash"), noDoc.out());
    }

    @Test
    void failingCheckExitsOne() throws Exception {
        Files.writeString(dir.resolve("other.xml"), "<invoice/>");
        CliRun r = run("verify-proof", p("bundle.json"), "--trust", p("trust.json"), "--document", p("other.xml"));
        assertEquals(ExitCodes.INVALID, r.code(), r.toString());
        assertTrue(r.out().contains("FAIL document-hash: "), r.out());
        assertTrue(r.out().strip().endsWith("INVALID: failed [document-hash, document-size, document-check]"), r.out());
    }

    @Test
    void malformedInputExitsTwoWithOneLine() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"version\": 1,");
        for (CliRun r : new CliRun[] {
            run("verify-proof", p("bad.json"), "--trust", p("trust.json")),
            run("verify-proof", p("bundle.json"), "--trust", p("bad.json")),
            run("verify-proof", p("missing.json"), "--trust", p("trust.json")),
            run("verify-proof", p("bundle.json"))}) {
            assertEquals(ExitCodes.USAGE, r.code(), r.toString());
            String err = r.err().strip();
            assertFalse(err.isEmpty() || err.contains("\n") || err.contains("\tat "), err);
        }
    }

    @Test
    void aMissingMemberExitsTwoNamingIt() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(dir.resolve("bundle.json")));
        tree.remove("generatedAt");
        Files.writeString(dir.resolve("no-generated-at.json"), tree.toString());
        CliRun r = run("verify-proof", p("no-generated-at.json"), "--trust", p("trust.json"));
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("generatedAt: missing"), r.err());
    }
}
