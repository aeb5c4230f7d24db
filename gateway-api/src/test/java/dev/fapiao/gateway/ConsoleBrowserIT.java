package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in headless Chromium against the real network and gateway: seeds invoices through
 * the API, then runs {@code src/main/console/test/e2e/console.e2e.mjs} (playwright-core on the
 * system Chromium, docs/console.md) and checks what it recorded. Screenshots and the recorded
 * results go to {@code target/console-e2e/}.
 */
class ConsoleBrowserIT {

    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "1"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static String mint(String subject, Caller.Role role, String... codes) {
        return t.gateway.tokens().mint(subject, role, List.of(codes), Duration.ofHours(1));
    }

    @Test
    void signInSearchInvoiceTimelineProofVerificationForbiddenAndOperatorViews() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = mint("console-enterprise", Caller.Role.ENTERPRISE, seller);
        String aud = mint("console-auditor", Caller.Role.AUDITOR);
        String op = mint("console-operator", Caller.Role.OPERATOR);
        List<String> ids = t.anchoredInvoices(ent, seller, 3);
        String id = ids.get(0);
        awaitProof(id, aud);

        Path out = TestGateway.repoRoot().resolve("gateway-api/target/console-e2e");
        Files.createDirectories(out);
        Invoice upload = GatewayIT.invoice(seller);
        Path uploadJson = out.resolve("upload-invoice.json");
        Path uploadDoc = out.resolve("upload-document.xml");
        Files.write(uploadJson, CanonicalJson.of(upload));
        Files.write(uploadDoc, GatewayIT.GEN.document(upload, 1_000, 2_000));

        Path console = TestGateway.repoRoot().resolve("gateway-api/src/main/console");
        ProcessBuilder pb = new ProcessBuilder("node", "test/e2e/console.e2e.mjs").directory(console.toFile())
                .inheritIO();
        Sm2KeyPair key1 = Sm2KeyPair.generate();
        Sm2KeyPair key2 = Sm2KeyPair.generate();
        String owner = GatewayIT.GEN.creditCode();
        pb.environment().putAll(Map.of("SIGNER_OWNER", owner,
                "SIGNER_KEY1_ID", key1.keyId(), "SIGNER_KEY1_PEM", key1.publicKey().toPem(),
                "SIGNER_KEY2_ID", key2.keyId(), "SIGNER_KEY2_PEM", key2.publicKey().toPem()));
        pb.environment().putAll(Map.of(
                "CONSOLE_URL", t.base + "/console/",
                "ARTEFACTS", out.toString(),
                "ISSUER", seller,
                "INVOICE_ID", id,
                "TOKEN_AUDITOR", aud,
                "TOKEN_ENTERPRISE", ent,
                "TOKEN_OPERATOR", op,
                "UPLOAD_INVOICE", uploadJson.toString(),
                "UPLOAD_DOCUMENT", uploadDoc.toString(),
                "UPLOAD_ID", upload.id().format()));
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the browser script did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), "the browser script failed (its output is above)");

        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertTrue(results.path("valid").path("passed").asBoolean(), results.toString());
        assertTrue(results.path("valid").path("checks").asInt() >= 20, results.toString());
        assertFalse(results.path("changed").path("passed").asBoolean(true), results.toString());
        assertFalse(results.path("changed").path("failed").isEmpty(), results.toString());
        assertEquals(403, results.path("forbidden").path("status").asInt(), results.toString());
        for (String shot : List.of("invoice-timeline.png", "verify-in-page.png", "verify-changed.png", "forbidden.png",
                "operator.png", "search.png", "upload.png", "signers.png")) {
            assertTrue(Files.size(out.resolve(shot)) > 10_000, shot);
        }
        // the registry on the ledger: key 1 registered, then replaced by key 2, which is revoked
        JsonNode signers = t.get("/v1/signers/" + owner, op).json().path("signers");
        assertEquals(2, signers.size(), signers.toString());
        JsonNode first = find(signers, key1.keyId());
        JsonNode second = find(signers, key2.keyId());
        assertEquals("ENTERPRISE", first.path("kind").asText(), signers.toString());
        assertEquals(key2.keyId(), first.path("replacedBy").asText(), signers.toString());
        assertEquals(first.path("validTo").asText(), second.path("validFrom").asText(), signers.toString());
        assertTrue(first.path("revokedAt").isNull() || first.path("revokedAt").isMissingNode(), signers.toString());
        assertTrue(second.path("revokedAt").isTextual(), signers.toString());
        assertEquals("console test: key withdrawn", second.path("revocationReason").asText(), signers.toString());
        // what the browser uploaded was archived and anchored
        JsonNode uploaded = t.get("/v1/invoices/" + upload.id().format(), aud).json();
        assertEquals("ANCHORED", uploaded.path("anchor").path("phase").asText(), uploaded.toString());
        // the downloaded bundle is the gateway's bundle for the invoice
        JsonNode bundle = Json.MAPPER.readTree(out.resolve("downloaded-bundle.json").toFile());
        assertEquals(id, bundle.path("invoiceId").asText());
        ObjectNode req = Json.object();
        req.set("bundle", bundle);
        assertTrue(t.postJson("/v1/proofs:verify", aud, Json.text(req)).json().path("passed").asBoolean());
    }

    private static JsonNode find(JsonNode signers, String keyId) {
        for (JsonNode s : signers) {
            if (keyId.equals(s.path("keyId").asText())) {
                return s;
            }
        }
        throw new AssertionError("no key " + keyId + " in " + signers);
    }

    private static void awaitProof(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            GatewayIT.Res r = t.get("/v1/invoices/" + id + "/proof", token);
            if (r.status() == 200) {
                return;
            }
            assertEquals(503, r.status(), () -> new String(r.body()));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no proof for " + id + " within 120 s");
            }
            Thread.sleep(500);
        }
    }
}
