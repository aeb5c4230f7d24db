package dev.fapiao.gateway;

import static dev.fapiao.gateway.GatewayIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed requests on the real network, in the production setting ({@code requestSignatures.mode:
 * required}): the operator registers an enterprise's key (itself a signed request), the enterprise
 * submits a signed invoice, a replay of it and a captured LEGAL_HOLD_OFF replayed later are refused.
 */
class SignedRequestIT {

    static final InvoiceGenerator GEN = new InvoiceGenerator(System.nanoTime());
    static TestGateway t;
    static final Sm2KeyPair OPERATOR = Sm2KeyPair.generate();
    static final Sm2KeyPair AUDITOR = Sm2KeyPair.generate();

    @BeforeAll
    static void start() throws Exception {
        Path keys = Files.createTempDirectory("fapiao-signed-it");
        Files.writeString(keys.resolve("operator.pem"), OPERATOR.publicKey().toPem());
        Files.writeString(keys.resolve("auditor.pem"), AUDITOR.publicKey().toPem());
        t = TestGateway.start(Map.of(
                "FAPIAO_REQUEST_SIGNATURES_MODE", "required",
                "FAPIAO_REQUEST_SIGNATURES_KEY_CACHE_SECONDS", "0",
                "FAPIAO_REQUEST_SIGNATURES_OPERATOR_KEYS", keys.resolve("operator.pem").toString(),
                "FAPIAO_REQUEST_SIGNATURES_AUDITOR_KEYS", keys.resolve("auditor.pem").toString()));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static String token(Caller.Role role, String... codes) {
        return t.gateway.tokens().mint(role.claim() + "-" + UUID.randomUUID(), role, List.of(codes), Duration.ofHours(1));
    }

    /** A POST of {@code body} to {@code target}, signed with {@code key} now (fresh nonce). */
    static HttpRequest.Builder signed(String target, String token, Sm2KeyPair key, String body) {
        HttpRequest.Builder b = t.request(target, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        List<String> headers = SignedRequestPipelineTest.signed(key, "POST", target, body.getBytes(StandardCharsets.UTF_8));
        for (String h : headers) {
            int colon = h.indexOf(": ");
            b.header(h.substring(0, colon), h.substring(colon + 2));
        }
        return b;
    }

    @Test
    void aSignedInvoiceIsArchivedItsReplayAndACapturedHoldLiftAreRefused() throws Exception {
        String seller = GEN.creditCode();
        String op = token(Caller.Role.OPERATOR);
        String ent = token(Caller.Role.ENTERPRISE, seller);
        String aud = token(Caller.Role.AUDITOR);
        Sm2KeyPair enterprise = Sm2KeyPair.generate();

        // bearer-only is refused in this mode, even for the operator
        String reg = Json.text(Json.object().put("operation", "register").put("ownerCode", seller)
                .put("kind", "ENTERPRISE").put("publicKey", enterprise.publicKey().toPem())
                .put("validFrom", "2024-01-01T00:00:00Z"));
        assertProblem(t.postJson("/v1/signers", op, reg), 401, "signature-required");
        GatewayIT.Res registered = t.call(signed("/v1/signers", op, OPERATOR, reg));
        assertEquals(200, registered.status(), () -> new String(registered.body(), StandardCharsets.UTF_8));

        Invoice inv = GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        String id = inv.id().format();
        String submission = Json.text(GatewayIT.submission(inv, GEN.document(inv, 500, 900)));
        String target = "/v1/invoices?wait=committed&timeout=30s";
        HttpRequest.Builder submit = signed(target, ent, enterprise, submission);
        GatewayIT.Res created = t.call(submit.copy());
        assertEquals(201, created.status(), () -> new String(created.body(), StandardCharsets.UTF_8));
        // the identical bytes again (same nonce, timestamp, signature): a replay, not an idempotent resubmission
        assertProblem(t.call(submit.copy()), 401, "request-replayed");
        // the operator's key is not the enterprise's
        assertProblem(t.call(signed(target, ent, OPERATOR, submission)), 401, "bad-signature");

        String path = "/v1/invoices/" + id + "/transitions";
        assertEquals(200, t.call(signed(path, aud, AUDITOR, "{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"audit 1\"}")).status());
        HttpRequest.Builder lift = signed(path, aud, AUDITOR, "{\"action\":\"LEGAL_HOLD_OFF\",\"reason\":\"audit 1 closed\"}");
        assertEquals(200, t.call(lift.copy()).status());
        GatewayIT.Res again = t.call(signed(path, aud, AUDITOR, "{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"audit 2\"}"));
        assertEquals(200, again.status(), () -> new String(again.body(), StandardCharsets.UTF_8));
        // the captured lift, replayed to end the later hold: refused, and the hold stands
        GatewayIT.Res replayed = t.call(lift.copy());
        assertProblem(replayed, 401, "request-replayed");
        assertTrue(t.get("/v1/invoices/" + id, aud).json().path("legalHold").asBoolean());

        // an enterprise key signs only for its owner, even when the token acts for several codes
        String sister = GEN.creditCode();
        Sm2KeyPair sisterKey = Sm2KeyPair.generate();
        String sisterReg = Json.text(Json.object().put("operation", "register").put("ownerCode", sister)
                .put("kind", "ENTERPRISE").put("publicKey", sisterKey.publicKey().toPem())
                .put("validFrom", "2024-01-01T00:00:00Z"));
        assertEquals(200, t.call(signed("/v1/signers", op, OPERATOR, sisterReg)).status());
        String both = token(Caller.Role.ENTERPRISE, seller, sister);
        assertProblem(t.call(signed(path, both, sisterKey, "{\"action\":\"DELIVER\",\"reason\":\"x\"}")), 403,
                "forbidden");
        GatewayIT.Res delivered = t.call(signed(path, both, enterprise, "{\"action\":\"DELIVER\",\"reason\":\"sent\"}"));
        assertEquals(200, delivered.status(), () -> new String(delivered.body(), StandardCharsets.UTF_8));

        // a revoked key signs nothing from then on (the registry is read on every request here)
        String revoke = Json.text(Json.object().put("operation", "revoke").put("keyId", enterprise.keyId())
                .put("revokedAt", Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("reason", "key compromised"));
        GatewayIT.Res revoked = t.call(signed("/v1/signers", op, OPERATOR, revoke));
        assertEquals(200, revoked.status(), () -> new String(revoked.body(), StandardCharsets.UTF_8));
        Invoice next = GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        GatewayIT.Res refused = t.call(signed("/v1/invoices", ent, enterprise,
                Json.text(GatewayIT.submission(next, GEN.document(next, 500, 900)))));
        assertProblem(refused, 401, "bad-signature");
        assertTrue(refused.json().path("detail").asText().contains("revoked"), refused.json()::toString);
    }
}
