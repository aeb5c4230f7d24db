package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disposal over HTTPS against the real network: an invoice past its retention period is disposed
 * (document gone, 410) and its proof bundle proves the lawful disposal; a fresh invoice and one under
 * legal hold are refused with 409 and the reason, and nothing changes on the ledger or in the archive.
 */
class DisposalIT {

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

    static GatewayIT.Res transition(String id, String token, String action, String reason) throws Exception {
        return t.postJson("/v1/invoices/" + id + "/transitions", token,
                Json.text(Json.object().put("action", action).put("reason", reason)));
    }

    /** Submits and waits for the commit; returns the receipt. */
    static JsonNode submit(Invoice inv, byte[] doc, String token) throws Exception {
        GatewayIT.Res r = t.postJson("/v1/invoices?wait=committed&timeout=30s", token, Json.text(GatewayIT.submission(inv, doc)));
        assertEquals(201, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.json();
    }

    static Invoice issuedYearsAgo(String seller, int years) {
        return GatewayIT.GEN.invoice(seller, Instant.now().minus(Duration.ofDays(years * 365L + 4))
                .truncatedTo(ChronoUnit.MILLIS));
    }

    static JsonNode ledgerRecord(String id) throws Exception {
        return Json.MAPPER.readTree(t.gateway.runtime().ledgerConnection().contract().evaluateTransaction("getInvoice", id));
    }

    /** The actions of the invoice's ledger history, oldest first (provenance). */
    static List<String> ledgerActions(String id, String token) throws Exception {
        GatewayIT.Res p = t.get("/v1/invoices/" + id + "/provenance", token);
        assertEquals(200, p.status(), () -> new String(p.body(), StandardCharsets.UTF_8));
        List<String> actions = new ArrayList<>();
        p.json().path("transactions").forEach(tx -> actions.add(tx.path("action").asText()));
        return actions;
    }

    @Test
    void anExpiredInvoiceIsDisposedAndItsBundleProvesTheLawfulDisposal() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("ent-dispose", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("aud-dispose", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        Invoice old = issuedYearsAgo(seller, 16);
        byte[] doc = GatewayIT.GEN.document(old, 2_000, 3_000);
        JsonNode receipt = submit(old, doc, ent);
        String id = old.id().format();
        LocalDate retainUntil = LocalDate.parse(receipt.path("retainUntil").asText());
        assertEquals(LocalDate.ofInstant(old.issueTime(), SealEncoding.CST).plusYears(15), retainUntil);

        GatewayIT.Res disposed = transition(id, ent, "DISPOSE", "retention period over");
        assertEquals(200, disposed.status(), () -> new String(disposed.body(), StandardCharsets.UTF_8));
        assertEquals("DISPOSED", disposed.json().path("status").asText());
        assertFalse(disposed.json().path("legalHold").asBoolean());

        GatewayIT.Res gone = t.get("/v1/invoices/" + id + "/document", ent);
        GatewayIT.assertProblem(gone, 410, "disposed");
        GatewayIT.Res meta = t.get("/v1/invoices/" + id, ent);
        assertEquals("DISPOSED", meta.json().path("status").asText(), meta.json().toString());
        assertFalse(meta.json().path("disposedAt").isNull(), meta.json().toString());
        // a disposed invoice cannot change: refused from the archived record, no ledger round trip
        GatewayIT.Res again = transition(id, ent, "DISPOSE", "twice");
        GatewayIT.assertProblem(again, 409, "illegal-transition");
        assertTrue(again.json().path("detail").asText().contains("disposed"), again.json().toString());
        GatewayIT.assertProblem(transition(id, aud, "LEGAL_HOLD_ON", "too late"), 409, "illegal-transition");
        assertEquals(List.of("ANCHOR", "DISPOSE"), ledgerActions(id, aud));

        // the bundle still builds from the tombstone, and proves the lawful disposal
        GatewayIT.Res proof;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            proof = t.get("/v1/invoices/" + id + "/proof", aud);
            if (proof.status() == 503) {
                Thread.sleep(500);
            }
        } while (proof.status() == 503 && System.nanoTime() < deadline);
        GatewayIT.Res p = proof;
        assertEquals(200, p.status(), () -> new String(p.body(), StandardCharsets.UTF_8));
        assertEquals("DISPOSED", p.json().at("/status/status").asText());
        assertTrue(p.json().at("/status/evidence").isObject(), "the disposal transaction's block");
        ObjectNode req = Json.object();
        req.set("bundle", p.json());
        req.put("document", Base64.getEncoder().encodeToString(doc)); // a copy the auditor kept
        GatewayIT.Res verified = t.postJson("/v1/proofs:verify", aud, Json.text(req));
        assertEquals(200, verified.status());
        assertTrue(verified.json().path("passed").asBoolean(), verified.json().toString());
        JsonNode lawful = null;
        for (JsonNode c : verified.json().path("checks")) {
            if (c.path("name").asText().equals("lawful-disposal")) {
                lawful = c;
            }
        }
        assertTrue(lawful != null && lawful.path("passed").asBoolean(), verified.json().toString());
        assertTrue(lawful.path("reason").asText().contains(retainUntil.toString()), lawful.toString());
    }

    @Test
    void aFreshInvoiceIsRefusedWithItsRetainUntilDateAndNothingChanges() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("ent-fresh", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String op = t.gateway.tokens().mint("op-fresh", Caller.Role.OPERATOR, List.of(), Duration.ofHours(1));
        Invoice inv = GatewayIT.invoice(seller);
        byte[] doc = GatewayIT.GEN.document(inv, 2_000, 3_000);
        JsonNode receipt = submit(inv, doc, ent);
        String id = inv.id().format();
        String retainUntil = receipt.path("retainUntil").asText();

        for (String token : List.of(ent, op)) {
            GatewayIT.Res r = transition(id, token, "DISPOSE", "clean-up");
            GatewayIT.assertProblem(r, 409, "illegal-transition");
            String detail = r.json().path("detail").asText();
            assertTrue(detail.contains("must be retained until " + retainUntil), detail);
            assertTrue(detail.contains(LocalDate.parse(retainUntil).plusDays(1).toString()), detail);
        }
        assertEquals("ISSUED", ledgerRecord(id).path("status").asText());
        assertEquals(List.of("ANCHOR"), ledgerActions(id, op));
        assertEquals("ISSUED", t.get("/v1/invoices/" + id, ent).json().path("status").asText());
        GatewayIT.Res d = t.get("/v1/invoices/" + id + "/document", ent);
        assertEquals(200, d.status());
        assertEquals(Sm3.hashHex(doc), Sm3.hashHex(d.body()));
    }

    @Test
    void anInvoiceUnderLegalHoldIsRefusedUntilTheHoldIsLifted() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("ent-hold", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String aud = t.gateway.tokens().mint("aud-hold", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        Invoice old = issuedYearsAgo(seller, 20);
        submit(old, GatewayIT.GEN.document(old, 2_000, 3_000), ent);
        String id = old.id().format();
        assertEquals(200, transition(id, aud, "LEGAL_HOLD_ON", "tax audit 2026-17").status());

        GatewayIT.Res r = transition(id, ent, "DISPOSE", "retention period over");
        GatewayIT.assertProblem(r, 409, "illegal-transition");
        assertTrue(r.json().path("detail").asText().contains("under legal hold"), r.json().toString());
        JsonNode record = ledgerRecord(id);
        assertEquals("ISSUED", record.path("status").asText());
        assertTrue(record.path("legalHold").asBoolean());
        JsonNode local = t.get("/v1/invoices/" + id, ent).json();
        assertEquals("ISSUED", local.path("status").asText());
        assertTrue(local.path("legalHold").asBoolean());
        assertEquals(200, t.get("/v1/invoices/" + id + "/document", ent).status());

        assertEquals(200, transition(id, aud, "LEGAL_HOLD_OFF", "audit closed").status());
        assertEquals(200, transition(id, ent, "DISPOSE", "retention period over").status());
        assertEquals(List.of("ANCHOR", "LEGAL_HOLD_ON", "LEGAL_HOLD_OFF", "DISPOSE"), ledgerActions(id, aud));
    }

    @Test
    void theChaincodesRefusalIsA409WithItsMessage() throws Exception {
        // anchored on the ledger by this node's key but not archived here: no local record to pre-check
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("ent-cc", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
        String id = seller + GatewayIT.GEN.number();
        Instant issued = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        LocalDate retainUntil = LocalDate.ofInstant(issued, SealEncoding.CST).plusYears(15);
        Seal seal = t.gateway.runtime().sealer().seal(id, Sm3.hash(id.getBytes(StandardCharsets.UTF_8)),
                Sm3.hash(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)), issued, retainUntil);
        t.gateway.runtime().ledgerConnection().contract().submitTransaction("anchorInvoice",
                AnchorPayload.of(seal, "NORMAL", null, List.of()));

        GatewayIT.Res r = transition(id, ent, "DISPOSE", "clean-up");
        GatewayIT.assertProblem(r, 409, "illegal-transition");
        String detail = r.json().path("detail").asText();
        assertTrue(detail.startsWith("ILLEGAL_TRANSITION: DISPOSE of " + id), detail);
        assertTrue(detail.contains("retained until " + retainUntil), detail);
        assertEquals("ISSUED", ledgerRecord(id).path("status").asText());
    }
}
