package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/invoices/{id}/proof and POST /v1/proofs:verify against the real network. */
class ProofApiIT {

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

    @Test
    void aBundleFromTheGatewayVerifiesAndATamperedOneDoesNot() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("enterprise-proof", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("auditor-proof", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        Invoice inv = GatewayIT.invoice(seller);
        byte[] doc = GatewayIT.GEN.document(inv, 2_000, 3_000);
        GatewayIT.Res submitted = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent,
                Json.text(GatewayIT.submission(inv, doc)));
        assertEquals(201, submitted.status(), new String(submitted.body()));
        String id = inv.id().format();

        // until a checkpoint covers the invoice the proof is "not yet provable" (503, retry)
        GatewayIT.Res proof;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            proof = t.call(t.request("/v1/invoices/" + id + "/proof", aud).GET());
            if (proof.status() == 503) {
                GatewayIT.assertProblem(proof, 503, "not-yet-provable");
                Thread.sleep(500);
            }
        } while (proof.status() == 503 && System.nanoTime() < deadline);
        assertEquals(200, proof.status(), new String(proof.body()));
        JsonNode bundle = proof.json();

        ObjectNode req = Json.object();
        req.set("bundle", bundle);
        req.put("document", Base64.getEncoder().encodeToString(doc));
        GatewayIT.Res ok = t.postJson("/v1/proofs:verify", aud, Json.text(req));
        assertEquals(200, ok.status(), new String(ok.body()));
        assertTrue(ok.json().path("passed").asBoolean(), ok.json().toString());
        assertTrue(ok.json().path("checks").size() >= 20);

        // another document: the document check fails by name
        req.put("document", Base64.getEncoder().encodeToString("not the original".getBytes()));
        GatewayIT.Res wrongDoc = t.postJson("/v1/proofs:verify", aud, Json.text(req));
        assertFalse(wrongDoc.json().path("passed").asBoolean());
        assertTrue(wrongDoc.json().path("failed").toString().contains("document"), wrongDoc.json().path("failed").toString());

        // malformed bundle: 400 problem
        GatewayIT.Res bad = t.postJson("/v1/proofs:verify", aud, "{\"bundle\": {\"version\": 99}}");
        GatewayIT.assertProblem(bad, 400, "bad-request");

        // another enterprise cannot fetch this invoice's proof
        String other = t.gateway.tokens().mint("enterprise-other", Caller.Role.ENTERPRISE,
                List.of(GatewayIT.GEN.creditCode()), Duration.ofHours(1));
        assertEquals(404, t.call(t.request("/v1/invoices/" + id + "/proof", other).GET()).status());
    }

    @Test
    void anEnterpriseSealedInvoiceProvesItsKeysRegistration() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("enterprise-sealed", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("auditor-sealed", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        String op = t.gateway.tokens().mint("operator-sealed", Caller.Role.OPERATOR, List.of(), Duration.ofHours(1));
        Sm2KeyPair key = Sm2KeyPair.generate();
        GatewayIT.Res registered = t.postJson("/v1/signers", op, Json.text(Json.object().put("operation", "register")
                .put("ownerCode", seller).put("kind", "ENTERPRISE").put("publicKey", key.publicKey().toPem())
                .put("validFrom", "2024-01-01T00:00:00Z")));
        assertEquals(200, registered.status(), new String(registered.body()));
        Invoice inv = GatewayIT.invoice(seller);
        byte[] doc = GatewayIT.GEN.document(inv, 2_000, 3_000);
        // the enterprise's own seal over the encoding with the default retain-until (15 years)
        Seal seal = new Sealer(key.privateKey()).seal(inv.id().format(), Sm3.hash(doc), Sm3.hash(CanonicalJson.of(inv)),
                inv.issueTime());
        ObjectNode body = GatewayIT.submission(inv, doc);
        body.putObject("enterpriseSignature").put("keyId", seal.keyId()).put("signature", seal.signature());
        GatewayIT.Res submitted = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(body));
        assertEquals(201, submitted.status(), new String(submitted.body()));
        String id = inv.id().format();
        GatewayIT.Res proof;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            proof = t.call(t.request("/v1/invoices/" + id + "/proof", aud).GET());
            if (proof.status() == 503) {
                Thread.sleep(500);
            }
        } while (proof.status() == 503 && System.nanoTime() < deadline);
        assertEquals(200, proof.status(), new String(proof.body()));
        JsonNode bundle = proof.json();
        assertEquals(2, bundle.path("version").asInt());
        assertTrue(bundle.path("enterpriseRegistration").path("blockNumber").asLong()
                < bundle.path("anchoring").path("blockNumber").asLong(), bundle.path("enterpriseRegistration").toString());

        ObjectNode req = Json.object();
        req.set("bundle", bundle);
        req.put("document", Base64.getEncoder().encodeToString(doc));
        GatewayIT.Res ok = t.postJson("/v1/proofs:verify", aud, Json.text(req));
        assertEquals(200, ok.status(), new String(ok.body()));
        assertTrue(ok.json().path("passed").asBoolean(), ok.json().toString());
        assertTrue(ok.json().path("checks").toString().contains("enterprise-registration"), ok.json().toString());
        // without the registry evidence the enterprise seal is not bound: a named failure, not a 5xx
        ((ObjectNode) req.get("bundle")).putNull("enterpriseRegistration");
        GatewayIT.Res unbound = t.postJson("/v1/proofs:verify", aud, Json.text(req));
        assertEquals(200, unbound.status(), new String(unbound.body()));
        assertTrue(unbound.json().path("failed").toString().contains("enterprise-registration"), unbound.json().toString());
    }
}
