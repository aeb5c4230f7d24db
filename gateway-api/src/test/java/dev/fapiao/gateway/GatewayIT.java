package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over HTTPS against the real Fabric network. */
class GatewayIT {

    static TestGateway t;
    static final InvoiceGenerator GEN = new InvoiceGenerator(System.nanoTime());

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of(
                "FAPIAO_GATEWAY_MAX_BODY_BYTES", "1048576",
                "FAPIAO_ARCHIVE_MAX_DOCUMENT_BYTES", "200000",
                "FAPIAO_GATEWAY_RATE_LIMIT_PER_SECOND", "10",
                "FAPIAO_GATEWAY_RATE_LIMIT_BURST", "60"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static String token(Caller.Role role, String... codes) {
        return t.gateway.tokens().mint(role.claim() + "-" + UUID.randomUUID(), role, List.of(codes), Duration.ofHours(1));
    }

    record Res(int status, JsonNode json, byte[] body, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Res call(HttpRequest.Builder b) throws Exception {
        return t.call(b);
    }

    static Res get(String path, String token) throws Exception {
        return t.get(path, token);
    }

    static Res postJson(String path, String token, String body) throws Exception {
        return t.postJson(path, token, body);
    }

    static Invoice invoice(String seller) {
        return GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    }

    static ObjectNode submission(Invoice inv, byte[] doc) throws Exception {
        ObjectNode o = Json.object();
        o.set("invoice", Json.MAPPER.readTree(CanonicalJson.of(inv)));
        o.put("document", Base64.getEncoder().encodeToString(doc)).put("contentType", "application/xml");
        return o;
    }

    static void assertProblem(Res r, int status, String kind) {
        assertEquals(status, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("https://fapiao.dev/problems/" + kind, r.json().path("type").asText());
        assertEquals(status, r.json().path("status").asInt());
        assertFalse(r.json().path("title").asText().isEmpty());
        assertFalse(r.json().path("detail").asText().isEmpty());
    }

    static JsonNode awaitAnchored(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Res r = get("/v1/invoices/" + id, token);
            assertEquals(200, r.status());
            if (r.json().path("anchor").path("phase").asText().equals("ANCHORED")) {
                return r.json();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not anchored: " + r.json());
            }
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void submitWaitCommittedThenReadBackExactDocument() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        Invoice inv = invoice(seller);
        byte[] doc = GEN.document(inv, 3_000, 9_000);
        String id = inv.id().format();

        Res r = postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(submission(inv, doc)));
        assertEquals(201, r.status(), () -> r.json().toString());
        assertEquals(id, r.json().path("invoiceId").asText());
        assertEquals("ANCHORED", r.json().path("anchor").path("phase").asText());
        assertEquals(64, r.json().path("anchor").path("txId").asText().length());
        assertTrue(r.json().path("anchor").path("blockNumber").asLong() > 0);
        assertEquals(64, r.json().path("seal").path("keyId").asText().length());
        assertFalse(r.json().path("existing").asBoolean());
        assertEquals("/v1/invoices/" + id, r.header("Location"));
        String docHash = r.json().path("docHash").asText();
        assertEquals(dev.fapiao.node.crypto.Sm3.hashHex(doc), docHash);

        Res g = get("/v1/invoices/" + id, ent);
        assertEquals(200, g.status());
        assertEquals(r.json().path("anchor").path("txId"), g.json().path("anchor").path("txId"));
        assertEquals("ISSUED", g.json().path("status").asText());
        assertEquals(seller, g.json().path("metadata").path("seller").path("creditCode").asText());
        assertNotNull(g.json().path("anchor").path("commitTime").textValue());

        Res d = get("/v1/invoices/" + id + "/document", ent);
        assertEquals(200, d.status());
        assertArrayEquals(doc, d.body());
        assertEquals("application/xml", d.header("Content-Type"));
        assertEquals("\"" + docHash + "\"", d.header("ETag"));

        Res part = call(t.request("/v1/invoices/" + id + "/document", ent).header("Range", "bytes=5-14").GET());
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(doc, 5, 15), part.body());
        assertEquals("bytes 5-14/" + doc.length, part.header("Content-Range"));
        Res suffix = call(t.request("/v1/invoices/" + id + "/document", ent).header("Range", "bytes=-7").GET());
        assertArrayEquals(Arrays.copyOfRange(doc, doc.length - 7, doc.length), suffix.body());
        Res bad = call(t.request("/v1/invoices/" + id + "/document", ent).header("Range", "bytes=999999-").GET());
        assertProblem(bad, 416, "range-not-satisfiable");
        Res notModified = call(t.request("/v1/invoices/" + id + "/document", ent)
                .header("If-None-Match", "\"" + docHash + "\"").GET());
        assertEquals(304, notModified.status());

        // idempotent: same content again is 200 with the existing receipt
        Res again = postJson("/v1/invoices", ent, Json.text(submission(inv, doc)));
        assertEquals(200, again.status());
        assertTrue(again.json().path("existing").asBoolean());
        assertEquals(r.json().path("seal"), again.json().path("seal"));
        // same id, other document: conflict
        // (one bit inside the padding text: a malformed document is refused earlier, with 422)
        byte[] other = doc.clone();
        other[new String(doc, StandardCharsets.ISO_8859_1).indexOf("<SignatureValue>") + 20] ^= 1;
        assertProblem(postJson("/v1/invoices", ent, Json.text(submission(inv, other))), 409, "conflict");
    }

    @Test
    void multipartSubmission() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        Invoice inv = invoice(seller);
        byte[] doc = GEN.document(inv, 1_000, 2_000);
        String boundary = "----fapiao" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"invoice\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CanonicalJson.of(inv));
        // the bytes are generated XML declared as OFD: archived unread only because the caller says so
        out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"opaqueDocument\"\r\n\r\ntrue")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"inv.ofd\"\r\n"
                + "Content-Type: application/ofd\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(doc);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Res r = call(t.request("/v1/invoices?wait=committed&timeout=30s", ent)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        assertEquals(201, r.status(), () -> r.json().toString());
        assertEquals("application/ofd", r.json().path("contentType").asText());
        Res d = get("/v1/invoices/" + inv.id().format() + "/document", ent);
        assertArrayEquals(doc, d.body());
        assertEquals("application/ofd", d.header("Content-Type"));
    }

    @Test
    void batchWithPerItemResults() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        ArrayNode items = Json.MAPPER.createArrayNode();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Invoice inv = invoice(seller);
            ids.add(inv.id().format());
            items.add(submission(inv, GEN.document(inv, 500, 1_000)));
        }
        ObjectNode broken = submission(invoice(seller), "x".getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) broken.get("invoice")).put("totalAmount", "1.00");
        items.add(broken);
        Invoice foreign = invoice(GEN.creditCode());
        items.add(submission(foreign, "y".getBytes(StandardCharsets.UTF_8)));
        ObjectNode body = Json.object();
        body.set("items", items);

        Res r = postJson("/v1/invoices:batch", ent, Json.text(body));
        assertEquals(200, r.status(), () -> r.json().toString());
        assertEquals(5, r.json().path("accepted").asInt());
        assertEquals(2, r.json().path("failed").asInt());
        JsonNode res = r.json().path("items");
        for (int i = 0; i < 5; i++) {
            assertEquals(202, res.get(i).path("status").asInt());
            assertEquals(ids.get(i), res.get(i).path("receipt").path("invoiceId").asText());
        }
        assertEquals(400, res.get(5).path("status").asInt());
        assertEquals("https://fapiao.dev/problems/validation", res.get(5).path("problem").path("type").asText());
        assertEquals("invoice.totalAmount", res.get(5).path("problem").path("errors").get(0).path("field").asText());
        assertEquals(403, res.get(6).path("status").asInt());
        for (String id : ids) {
            awaitAnchored(id, ent);
        }
        ObjectNode empty = Json.object();
        empty.putArray("items");
        assertProblem(postJson("/v1/invoices:batch", ent, Json.text(empty)), 400, "validation");
    }

    @Test
    void transitionsAreAnchoredAndShownInProvenance() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        String aud = token(Caller.Role.AUDITOR);
        Invoice inv = invoice(seller);
        String id = inv.id().format();
        Res s = postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(submission(inv, GEN.document(inv, 500, 900))));
        assertEquals(201, s.status());
        String path = "/v1/invoices/" + id + "/transitions";

        Res deliver = postJson(path, ent, "{\"action\":\"DELIVER\",\"reason\":\"sent to buyer\"}");
        assertEquals(200, deliver.status(), () -> deliver.json().toString());
        assertEquals("DELIVERED", deliver.json().path("status").asText());
        Res accept = postJson(path, ent, "{\"action\":\"ACCEPT\",\"reason\":\"buyer accepted\",\"ref\":\"PO-7\"}");
        assertEquals(200, accept.status());
        Res hold = postJson(path, aud, "{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"audit 2026-17\"}");
        assertEquals(200, hold.status(), () -> hold.json().toString());
        assertTrue(hold.json().path("legalHold").asBoolean());

        // refusals by the chaincode: 409 with its message
        Res again = postJson(path, aud, "{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"twice\"}");
        assertProblem(again, 409, "illegal-transition");
        assertTrue(again.json().path("detail").asText().startsWith("ILLEGAL_TRANSITION"));
        assertProblem(postJson(path, ent, "{\"action\":\"DISPOSE\",\"reason\":\"too early\"}"), 409, "illegal-transition");
        // role rules enforced by the gateway
        assertProblem(postJson(path, ent, "{\"action\":\"LEGAL_HOLD_OFF\",\"reason\":\"x\"}"), 403, "forbidden");
        assertProblem(postJson(path, aud, "{\"action\":\"DELIVER\",\"reason\":\"x\"}"), 403, "forbidden");
        assertProblem(postJson(path, ent, "{\"action\":\"FLY\",\"reason\":\"x\"}"), 400, "validation");
        assertProblem(postJson(path, ent, "{\"action\":\"ACCEPT\"}"), 400, "validation");

        Res p = get("/v1/invoices/" + id + "/provenance", aud);
        assertEquals(200, p.status(), () -> p.json().toString());
        JsonNode txs = p.json().path("transactions");
        assertEquals(4, txs.size(), txs::toString);
        assertEquals(List.of("ANCHOR", "DELIVER", "ACCEPT", "LEGAL_HOLD_ON"),
                List.of(txs.get(0).path("action").asText(), txs.get(1).path("action").asText(),
                        txs.get(2).path("action").asText(), txs.get(3).path("action").asText()));
        assertEquals(s.json().path("anchor").path("txId").asText(), txs.get(0).path("txId").asText());
        assertEquals(deliver.json().path("txId").asText(), txs.get(1).path("txId").asText());
        assertEquals(accept.json().path("txId").asText(), txs.get(2).path("txId").asText());
        assertEquals(hold.json().path("txId").asText(), txs.get(3).path("txId").asText());
        assertEquals("EnterpriseServicesMSP", txs.get(1).path("creator").path("mspId").asText());
        assertEquals("TaxAuthorityMSP", txs.get(3).path("creator").path("mspId").asText());
        assertEquals("PO-7", txs.get(2).path("ref").asText());
        JsonNode v = p.json().path("verdict");
        assertTrue(v.path("verified").asBoolean(), v::toString);
        assertTrue(v.path("documentMatchesAnchor").asBoolean());
        assertTrue(v.path("signatures").get(0).path("signatureValid").asBoolean());
        assertTrue(v.path("signatures").get(0).path("keyValidAtSigningTime").asBoolean());

        Res local = get("/v1/invoices/" + id, ent);
        assertEquals("ACCEPTED", local.json().path("status").asText());
        assertTrue(local.json().path("legalHold").asBoolean());

        // every state-changing request left an audit entry naming the caller
        List<AuditEntry> audit = t.gateway.runtime().archive().auditLog().read(0, 100_000);
        assertTrue(audit.stream().anyMatch(a -> a.target().equals(id) && a.action().equals("API POST " + path)
                && a.actor().startsWith("auditor:") && a.detail().equals("HTTP 409")), audit::toString);
    }

    @Test
    void searchPagesByIssuerAndStatus() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        for (int i = 0; i < 3; i++) {
            Invoice inv = invoice(seller);
            assertEquals(202, postJson("/v1/invoices", ent, Json.text(submission(inv, GEN.document(inv, 300, 600)))).status());
        }
        Res p1 = get("/v1/invoices?issuer=" + seller + "&limit=2", ent);
        assertEquals(200, p1.status());
        assertEquals(2, p1.json().path("items").size());
        String cursor = p1.json().path("nextCursor").asText();
        assertFalse(cursor.isEmpty());
        Res p2 = get("/v1/invoices?issuer=" + seller + "&limit=2&cursor=" + cursor, ent);
        assertEquals(1, p2.json().path("items").size());
        assertTrue(p2.json().path("nextCursor").isNull());
        assertEquals(3, get("/v1/invoices?issuer=" + seller + "&status=ISSUED", ent).json().path("items").size());
        assertEquals(0, get("/v1/invoices?issuer=" + seller + "&status=ACCEPTED", ent).json().path("items").size());
        assertEquals(3, get("/v1/invoices?issuer=" + seller + "&from=2000-01-01&to=2999-12-31", token(Caller.Role.AUDITOR))
                .json().path("items").size());
        assertProblem(get("/v1/invoices?issuer=" + GEN.creditCode(), ent), 403, "forbidden");
        assertProblem(get("/v1/invoices?issuer=" + seller + "&from=yesterday", ent), 400, "validation");
        assertProblem(get("/v1/invoices?issuer=" + seller + "&cursor=zzzzz", ent), 400, "validation"); // not base64url
    }

    @Test
    void roleMatrix() throws Exception {
        String a = GEN.creditCode();
        String b = GEN.creditCode();
        String entA = token(Caller.Role.ENTERPRISE, a);
        String entB = token(Caller.Role.ENTERPRISE, b);
        String aud = token(Caller.Role.AUDITOR);
        String op = token(Caller.Role.OPERATOR);
        Invoice inv = invoice(a);
        String id = inv.id().format();
        String body = Json.text(submission(inv, GEN.document(inv, 300, 600)));

        assertProblem(postJson("/v1/invoices", entB, body), 403, "forbidden");
        assertProblem(postJson("/v1/invoices", aud, body), 403, "forbidden");
        assertEquals(202, postJson("/v1/invoices", entA, body).status());

        // reading: the owner, auditors and operators; another enterprise sees nothing (404)
        assertEquals(200, get("/v1/invoices/" + id, entA).status());
        assertEquals(200, get("/v1/invoices/" + id, aud).status());
        assertEquals(200, get("/v1/invoices/" + id, op).status());
        assertProblem(get("/v1/invoices/" + id, entB), 404, "not-found");
        assertProblem(get("/v1/invoices/" + id + "/document", entB), 404, "not-found");
        assertProblem(get("/v1/invoices/" + id + "/provenance", entB), 404, "not-found");
        assertProblem(postJson("/v1/invoices/" + id + "/transitions", entB, "{\"action\":\"DELIVER\",\"reason\":\"x\"}"),
                404, "not-found");
        assertEquals(200, get("/v1/invoices/" + id + "/document", aud).status());
        awaitAnchored(id, entA);
        assertEquals(200, get("/v1/invoices/" + id + "/provenance", aud).status());
        // operators act as EnterpriseServicesMSP Admin
        assertEquals(200, postJson("/v1/invoices/" + id + "/transitions", op, "{\"action\":\"DELIVER\",\"reason\":\"op\"}").status());

        // signer registry: operators only; enterprises read their own codes
        var key = Sm2KeyPair.generate();
        String reg = Json.text(Json.object().put("operation", "register").put("ownerCode", a).put("kind", "ENTERPRISE")
                .put("publicKey", key.publicKey().toPem()).put("validFrom", "2024-01-01T00:00:00Z"));
        assertProblem(postJson("/v1/signers", entA, reg), 403, "forbidden");
        assertProblem(postJson("/v1/signers", aud, reg), 403, "forbidden");
        Res registered = postJson("/v1/signers", op, reg);
        assertEquals(200, registered.status(), () -> registered.json().toString());
        assertEquals(key.publicKey().keyId(), registered.json().path("keyId").asText());
        Res mine = get("/v1/signers/" + a, entA);
        assertEquals(200, mine.status());
        assertEquals(key.publicKey().keyId(), mine.json().path("signers").get(0).path("keyId").asText());
        assertProblem(get("/v1/signers/" + a, entB), 403, "forbidden");
        assertEquals(200, get("/v1/signers/" + a, aud).status());
        Res revoke = postJson("/v1/signers", op, Json.text(Json.object().put("operation", "revoke")
                .put("keyId", key.publicKey().keyId()).put("revokedAt", Instant.now().minusSeconds(60)
                        .truncatedTo(ChronoUnit.SECONDS).toString()).put("reason", "test")));
        assertEquals(200, revoke.status(), () -> revoke.json().toString());
        assertNotNull(revoke.json().path("revokedAt").textValue());
        assertProblem(postJson("/v1/signers", op, "{\"operation\":\"register\",\"bogus\":1}"), 400, "ledger-invalid-argument");
    }

    @Test
    void errorStatusesAreProblems() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        // 401: none, garbage, expired, wrong key
        assertProblem(get("/v1/invoices?issuer=" + seller, null), 401, "unauthorized");
        Res garbage = get("/v1/invoices?issuer=" + seller, "not.a.jwt");
        assertProblem(garbage, 401, "unauthorized");
        assertTrue(garbage.header("WWW-Authenticate").startsWith("Bearer"));
        long now = System.currentTimeMillis() / 1000;
        String expired = t.gateway.tokens().sign(new io.vertx.core.json.JsonObject().put("sub", "x")
                .put("role", "auditor").put("iat", now - 7200).put("exp", now - 3600));
        assertProblem(get("/v1/invoices?issuer=" + seller, expired), 401, "unauthorized");
        String forever = t.gateway.tokens().sign(new io.vertx.core.json.JsonObject().put("sub", "x").put("role", "auditor"));
        assertProblem(get("/v1/invoices?issuer=" + seller, forever), 401, "unauthorized");
        String valid = t.gateway.tokens().sign(new io.vertx.core.json.JsonObject().put("sub", "x")
                .put("role", "auditor").put("exp", now + 600));
        assertEquals(200, get("/v1/invoices?issuer=" + seller, valid).status());
        // 400: bad JSON names the problem; invalid fields are named
        Res badJson = postJson("/v1/invoices", ent, "{\"invoice\": {");
        assertProblem(badJson, 400, "validation");
        assertEquals("malformed_json", badJson.json().path("errors").get(0).path("code").asText());
        Invoice inv = invoice(seller);
        ObjectNode sub = submission(inv, "doc".getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) sub.get("invoice").get("seller")).put("creditCode", "91310115MA1FL8Q2XA");
        Res invalid = postJson("/v1/invoices", token(Caller.Role.OPERATOR), Json.text(sub));
        assertProblem(invalid, 400, "validation");
        assertEquals("invoice.seller.creditCode", invalid.json().path("errors").get(0).path("field").asText());
        ObjectNode noDoc = submission(inv, new byte[0]);
        noDoc.put("document", "%%%");
        Res badDoc = postJson("/v1/invoices", ent, Json.text(noDoc));
        assertProblem(badDoc, 400, "validation");
        assertEquals("document", badDoc.json().path("errors").get(0).path("field").asText());
        assertProblem(postJson("/v1/invoices?wait=later", ent, Json.text(sub)), 400, "validation");
        // 404: unknown invoice, unknown route
        assertProblem(get("/v1/invoices/" + seller + "00000000000000000000", ent), 404, "not-found");
        assertProblem(get("/v1/nothing", ent), 404, "not-found");
        // 413: body over the limit; document over the node's limit
        Res big = call(t.request("/v1/invoices", ent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));
        assertProblem(big, 413, "too-large");
        Res bigDoc = postJson("/v1/invoices", ent, Json.text(submission(inv, new byte[300_000])));
        assertProblem(bigDoc, 413, "too-large");
        // 415
        assertProblem(call(t.request("/v1/invoices", ent).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported-media-type");
        // 429 with Retry-After: one subject past its burst
        String hasty = token(Caller.Role.AUDITOR);
        Res limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            Res r = get("/v1/invoices/" + seller + "00000000000000000001", hasty);
            if (r.status() == 429) {
                limited = r;
            } else {
                assertEquals(404, r.status());
            }
        }
        assertNotNull(limited, "no 429 within 200 requests");
        assertProblem(limited, 429, "rate-limited");
        assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
    }

    @Test
    void operationalEndpointsAndHeaders() throws Exception {
        Res health = get("/health", null);
        assertEquals(200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        assertEquals("nosniff", health.header("X-Content-Type-Options"));
        assertTrue(health.header("Strict-Transport-Security").startsWith("max-age="));
        assertEquals("no-store", health.header("Cache-Control"));
        assertTrue(health.header("Content-Security-Policy").contains("default-src 'none'"));
        Res ready = get("/ready", null);
        assertEquals(200, ready.status(), () -> new String(ready.body(), StandardCharsets.UTF_8));
        String metrics = new String(get("/metrics", null).body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("fapiao_pipeline_backlog"), metrics);
        assertTrue(metrics.contains("fapiao_anchor_committed_invoices_total"));
        assertTrue(metrics.contains("vertx_http_server_requests"), "Vert.x HTTP metrics missing");
        // RocksDB's own count of the archive's native memory, within its budget (the soak reads these)
        double budget = metric(metrics, "fapiao_archive_memory_budget_bytes");
        double cache = metric(metrics, "fapiao_archive_block_cache_bytes");
        assertTrue(budget >= 16 * 1024 * 1024, metrics);
        assertTrue(cache >= 0 && cache <= budget, "block cache " + cache + " of " + budget);
        assertTrue(metric(metrics, "fapiao_archive_memtable_bytes") >= 0);
        Res spec = get("/openapi.yaml", null);
        assertEquals(200, spec.status());
        assertTrue(new String(spec.body(), StandardCharsets.UTF_8).startsWith("openapi: 3"));
        assertNull(spec.json());
    }

    /** The value of a sample without labels in Prometheus text. */
    static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError(name + " missing from /metrics");
    }

    @Test
    void everyRouteIsInTheOpenApiDocumentAndViceVersa() throws Exception {
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(get("/openapi.yaml", null).body());
        java.util.SortedSet<String> documented = new java.util.TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(m)) {
                documented.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        assertEquals(documented, t.gateway.routes());
        assertTrue(documented.contains("POST /v1/invoices:batch"));
    }
}
