package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.cli.InvoiceNodeCli;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.proof.JsonMutations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end: invoices submitted over HTTPS and committed, a checkpoint covering them, their bundles
 * fetched with {@code GET /v1/invoices/{id}/proof}, written to files with the documents and the
 * network's trust file, and verified offline by the {@code invoice-node verify-proof} command line —
 * once as the real {@code scripts/invoice-node} process, then in-process (same entry point,
 * {@link InvoiceNodeCli#newCommandLine()}) after every systematic single-field mutation and against
 * another document, malformed JSON and trust files with another MSP's roots.
 */
class ProofCliIT {

    /** Every check of docs/retention-proof.md for a bundle without an enterprise signature. */
    static final List<String> DOCUMENTED_CHECKS = List.of("document-hash", "metadata-hash", "node-seal",
            "anchor-block.data-hash", "anchor-block.number", "anchor-block.orderer-signature", "anchor-tx.header",
            "anchor-tx.creator-signature", "anchor-tx.endorsements", "anchor-tx.write-set",
            "anchor-tx.validation-flag", "merkle-inclusion", "checkpoint-signature", "checkpoint-block.data-hash",
            "checkpoint-block.number", "checkpoint-block.orderer-signature", "checkpoint-tx.header",
            "checkpoint-tx.creator-signature", "checkpoint-tx.endorsements", "checkpoint-tx.write-set",
            "checkpoint-tx.validation-flag", "retention", "bundle-signature");
    static final int INVOICES = 3;

    static TestGateway t;
    @TempDir
    static Path dir;
    /** Per invoice, as fetched over HTTP: the bundle's exact bytes and the original document. */
    static final List<Path> bundles = new ArrayList<>();
    static final List<Path> documents = new ArrayList<>();
    static Path trust;

    /** One run of the command line: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        List<String> names(String verdict) {
            return out.lines().filter(l -> l.startsWith(verdict + " "))
                    .map(l -> l.substring(verdict.length() + 1, l.indexOf(':') < 0 ? l.length() : l.indexOf(':')))
                    .toList();
        }

        List<String> passed() {
            return names("PASS");
        }

        List<String> failed() {
            return names("FAIL");
        }

        String last() {
            List<String> lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @BeforeAll
    static void anchorAndFetch() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "1"));
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("enterprise-proof-cli", Caller.Role.ENTERPRISE, List.of(seller),
                Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("auditor-proof-cli", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INVOICES; i++) {
            Invoice inv = GatewayIT.invoice(seller);
            byte[] doc = GatewayIT.GEN.document(inv, 2_000, 6_000);
            HttpResponse<byte[]> r = t.send(t.request("/v1/invoices?wait=committed&timeout=30s", ent)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.text(GatewayIT.submission(inv, doc)))));
            assertEquals(201, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
            ids.add(inv.id().format());
            documents.add(Files.write(dir.resolve("document-" + i + ".xml"), doc));
        }
        // committed is not yet provable: 503 not-yet-provable until a checkpoint covers the leaf
        for (int i = 0; i < INVOICES; i++) {
            bundles.add(Files.write(dir.resolve("bundle-" + i + ".json"), awaitProof(ids.get(i), aud)));
        }
        Path networkTrust = TestGateway.repoRoot().resolve("run/network/trust.json");
        if (!Files.exists(networkTrust)) {
            Process p = new ProcessBuilder(TestGateway.repoRoot().resolve("scripts/network.sh").toString(), "trust")
                    .inheritIO().start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "scripts/network.sh trust failed");
        }
        trust = Files.copy(networkTrust, dir.resolve("trust.json"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static byte[] awaitProof(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> r = t.send(t.request("/v1/invoices/" + id + "/proof", token).GET());
            if (r.statusCode() == 200) {
                return r.body();
            }
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(503, r.statusCode(), body);
            assertTrue(body.contains("not-yet-provable"), body);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no proof for " + id + " within 60 s: " + body);
            }
            Thread.sleep(250);
        }
    }

    /** {@code invoice-node} in this JVM, through the same entry point as the jar's main. */
    static Run cli(String... args) {
        CommandLine cl = InvoiceNodeCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Run verify(Path bundle, Path trustFile, Path document) {
        return cli("verify-proof", bundle.toString(), "--trust", trustFile.toString(), "--document", document.toString());
    }

    static void assertAllPassed(Run r) {
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of(), r.failed(), r.out());
        assertTrue(r.passed().containsAll(DOCUMENTED_CHECKS), () -> "not all documented checks passed: " + r.out());
        assertEquals("VALID: all " + r.passed().size() + " checks passed", r.last(), r.out());
    }

    static void assertOneLineError(Run r) {
        assertEquals(2, r.code(), r::toString);
        String err = r.err().strip();
        assertFalse(err.isEmpty() || err.contains("\n") || err.contains("\tat ") || err.contains("Exception"), err);
        assertEquals(List.of(), r.passed(), r.out());
    }

    @Test
    void theRealCommandLineVerifiesABundleFetchedOverHttp() throws Exception {
        Path root = TestGateway.repoRoot();
        Path out = dir.resolve("cli.out");
        Path err = dir.resolve("cli.err");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/invoice-node").toString(), "verify-proof",
                bundles.get(0).toString(), "--trust", trust.toString(), "--document", documents.get(0).toString())
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        // a short-lived verifier: C1 only, one GC thread (the machine is shared)
        pb.environment().put("INVOICE_NODE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        // the script builds node/target/invoice-node.jar only when it is missing or older than the sources
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/invoice-node verify-proof did not finish in 10 minutes");
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        assertAllPassed(r);
        assertFalse(r.out().contains("SKIP"), r.out());
    }

    @Test
    void everyBundleVerifiesInProcessToo() {
        for (int i = 0; i < INVOICES; i++) {
            assertAllPassed(verify(bundles.get(i), trust, documents.get(i)));
        }
    }

    @Test
    void everySingleFieldMutationFailsANamedCheck() throws Exception {
        // the bundle with the longest inclusion path (the first invoice's may come from a checkpoint of size 1)
        int subject = 0;
        ObjectNode bundle = null;
        for (int i = 0; i < INVOICES; i++) {
            ObjectNode b = (ObjectNode) Json.MAPPER.readTree(bundles.get(i).toFile());
            if (bundle == null || b.at("/inclusion/path").size() > bundle.at("/inclusion/path").size()) {
                bundle = b;
                subject = i;
            }
        }
        assertTrue(bundle.at("/inclusion/path").size() >= 1, bundle.at("/inclusion").toString());
        Path document = documents.get(subject);
        Map<String, JsonNode> leaves = leaves(bundle);
        Path mutatedFile = dir.resolve("mutated.json");
        int mutated = 0;
        for (String path : leaves.keySet()) {
            Files.writeString(mutatedFile, Json.text(mutated(bundle, path)));
            Run r = verify(mutatedFile, trust, document);
            if (path.equals("version")) {
                assertOneLineError(r); // another version is refused outright
                continue;
            }
            assertEquals(1, r.code(), () -> "mutation of " + path + ": " + r);
            assertTrue(r.failed().contains("bundle-signature"), () -> "mutation of " + path + ": " + r.out());
            assertTrue(r.last().startsWith("INVALID: failed [") && r.last().contains("bundle-signature"),
                    () -> "mutation of " + path + ": " + r.out());
            if (path.equals("signature")) {
                assertEquals(List.of("bundle-signature"), r.failed(), r.out());
            }
            mutated++;
        }
        assertTrue(mutated >= 40, "mutated " + mutated + " fields: " + leaves.keySet());
    }

    @Test
    void anotherInvoicesDocumentFailsTheDocumentHash() {
        Run r = verify(bundles.get(0), trust, documents.get(1));
        assertEquals(1, r.code(), r::toString);
        // the hash, and the size when it differs (document-size): nothing but the document's checks
        assertEquals("document-hash", r.failed().get(0), r.out());
        assertTrue(List.of("document-size", "content-type").containsAll(r.failed().subList(1, r.failed().size())),
                r.out());
        assertTrue(r.last().startsWith("INVALID: failed [document-hash"), r.last());
        // and the other invoice's own bundle takes it
        assertAllPassed(verify(bundles.get(1), trust, documents.get(1)));
    }

    @Test
    void identitiesOutsideTheTrustFileFail() throws Exception {
        ObjectNode t0 = (ObjectNode) Json.MAPPER.readTree(trust.toFile());
        // the enterprise organisation's root replaced by the tax authority's: its endorsements (and
        // the node's transactions, submitted as EnterpriseServicesMSP) chain to no trusted root
        ObjectNode foreign = t0.deepCopy();
        ((ObjectNode) foreign.get("msps")).set("EnterpriseServicesMSP", t0.at("/msps/TaxAuthorityMSP"));
        Path foreignFile = Files.writeString(dir.resolve("trust-foreign-enterprise.json"), Json.text(foreign));
        Run r = verify(bundles.get(0), foreignFile, documents.get(0));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.failed().containsAll(List.of("anchor-tx.endorsements", "checkpoint-tx.endorsements")), r.out());
        assertTrue(r.failed().stream().allMatch(f -> f.startsWith("anchor-tx.") || f.startsWith("checkpoint-tx.")),
                r.out());
        // the orderer's root replaced: no block signature chains to a trusted orderer
        ObjectNode noOrderer = t0.deepCopy();
        ((ObjectNode) noOrderer.get("msps")).set("OrdererMSP", t0.at("/msps/TaxAuthorityMSP"));
        Path noOrdererFile = Files.writeString(dir.resolve("trust-foreign-orderer.json"), Json.text(noOrderer));
        Run o = verify(bundles.get(0), noOrdererFile, documents.get(0));
        assertEquals(1, o.code(), o::toString);
        assertEquals(List.of("anchor-block.orderer-signature", "checkpoint-block.orderer-signature"), o.failed(),
                o.out());
    }

    @Test
    void malformedInputIsAUsageErrorWithOneLine() throws Exception {
        String genuine = Files.readString(bundles.get(0));
        Path truncated = Files.writeString(dir.resolve("truncated.json"), genuine.substring(0, genuine.length() / 2));
        Path notAnObject = Files.writeString(dir.resolve("array.json"), "[]");
        Path badTrust = Files.writeString(dir.resolve("bad-trust.json"), "{\"version\": 1,");
        assertOneLineError(verify(truncated, trust, documents.get(0)));
        assertOneLineError(verify(notAnObject, trust, documents.get(0)));
        assertOneLineError(verify(bundles.get(0), badTrust, documents.get(0)));
        assertOneLineError(verify(dir.resolve("missing.json"), trust, documents.get(0)));
    }

    private static Map<String, JsonNode> leaves(JsonNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonMutations.collect("", root, out);
        return out;
    }

    private static ObjectNode mutated(ObjectNode root, String path) {
        ObjectNode copy = root.deepCopy();
        JsonMutations.set(copy, path, JsonMutations.flip(leaves(root).get(path)));
        return copy;
    }
}
