package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real network: one request id ties the HTTP request, the archive write and the anchoring
 * transaction in the logs (and no log line carries the token or the document); the audit export
 * (NDJSON, paged, filtered, per role) shows the request id and the token's jti of each action.
 */
class AuditTrailIT {

    static final InvoiceGenerator GEN = new InvoiceGenerator(System.nanoTime());
    static LogCapture logs;
    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture();
        t = TestGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    static String jti(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(payload)).path("jti").asText();
    }

    static GatewayIT.Res submit(String token, String requestId, Invoice inv, byte[] doc) throws Exception {
        return t.call(t.request("/v1/invoices?wait=committed&timeout=30s", token)
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(GatewayIT.submission(inv, doc)))));
    }

    /** The NDJSON lines of one page, checking the framing. */
    static List<JsonNode> audit(String token, String query) throws Exception {
        var r = t.send(t.request("/v1/audit" + query, token).GET()); // raw: NDJSON is not one JSON document
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(AuditRoute.NDJSON, r.headers().firstValue("Content-Type").orElse(null));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        List<JsonNode> out = new ArrayList<>();
        if (body.isEmpty()) {
            return out;
        }
        assertTrue(body.endsWith("\n"), "every line ends with a newline");
        for (String line : body.substring(0, body.length() - 1).split("\n", -1)) {
            JsonNode n = Json.MAPPER.readTree(line);
            assertTrue(n.isObject() && n.has("seq") && n.has("time"), line);
            out.add(n);
        }
        return out;
    }

    static List<JsonNode> awaitAudit(String token, String query, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> page;
        do {
            page = audit(token, query);
            if (page.size() >= atLeast) {
                return page;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("fewer than " + atLeast + " entries for " + query + ": " + page);
    }

    /** The STATUS entry about {@code invoiceId}, whichever path wrote it. */
    static JsonNode awaitStatus(String token, String invoiceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            for (JsonNode e : audit(token, "?limit=1000")) {
                if (e.path("action").asText().equals("STATUS") && e.path("target").asText().equals(invoiceId)) {
                    return e;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no STATUS entry about " + invoiceId);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void oneRequestIdTiesTheHttpRequestTheArchiveWriteAndTheLedgerTransaction() throws Exception {
        String seller = GEN.creditCode();
        String token = t.gateway.tokens().mint("acme-" + UUID.randomUUID(), Caller.Role.ENTERPRISE, List.of(seller),
                Duration.ofHours(1));
        Invoice inv = GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        byte[] doc = GEN.document(inv, 3_000, 9_000);
        String requestId = "it-" + UUID.randomUUID();
        GatewayIT.Res r = submit(token, requestId, inv, doc);
        assertEquals(201, r.status(), () -> r.json().toString());
        assertEquals(requestId, r.header("X-Request-Id"));
        String txId = r.json().path("anchor").path("txId").asText();
        assertEquals(64, txId.length());

        ILoggingEvent commit = await(() -> logs.events().stream().filter(e -> txId.equals(e.getMDCPropertyMap().get("txId"))
                && e.getMDCPropertyMap().getOrDefault("requestIds", "").contains(requestId)).findFirst().orElse(null));
        assertTrue(commit.getFormattedMessage().contains(inv.id().format()), commit.getFormattedMessage());
        ILoggingEvent access = RequestLogTest.awaitAccess(logs, requestId);
        assertTrue(access.getFormattedMessage().startsWith("POST /v1/invoices 201 "), access.getFormattedMessage());
        List<ILoggingEvent> mine = logs.events().stream()
                .filter(e -> requestId.equals(e.getMDCPropertyMap().get("requestId"))).toList();
        assertTrue(mine.stream().anyMatch(e -> e.getFormattedMessage().startsWith("archived invoice " + inv.id().format())),
                "the archive write's line carries the request id");
        List<String> sample = new ArrayList<>();
        mine.forEach(e -> sample.add(logs.json(e)));
        sample.add(logs.json(commit));
        Path out = Path.of("target", "audit-trail-it-sample.ndjson");
        Files.createDirectories(out.getParent());
        Files.write(out, sample);

        String b64 = Base64.getEncoder().encodeToString(doc);
        List<String> secrets = new ArrayList<>(List.of(token, token.substring(token.lastIndexOf('.') + 1), b64,
                b64.substring(100, 200)));
        // the node's seal private key and the gateway's JWT secret: any line of their files
        for (Path f : List.of(t.gateway.runtime().config().sealKeyFile(), t.gateway.config().secretPath())) {
            Files.readAllLines(f).stream().filter(l -> l.length() >= 16 && !l.startsWith("-----")).forEach(secrets::add);
        }
        logs.assertNone(secrets);

        String auditor = t.gateway.tokens().mint("tax-1", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        List<JsonNode> entries = awaitAudit(auditor, "?actor=" + q(seller), 1);
        JsonNode put = entries.stream().filter(e -> e.path("action").asText().equals("PUT")).findFirst().orElseThrow();
        assertEquals(inv.id().format(), put.path("target").asText());
        assertEquals(requestId, put.path("requestId").asText(), "the archive write records the request");
        assertEquals(jti(token), put.path("tokenId").asText(), "and the token's jti");
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        String apiActor = "enterprise:" + claims.path("sub").asText();
        JsonNode api = awaitAudit(auditor, "?actor=" + q(apiActor), 1).get(0);
        assertEquals("API POST /v1/invoices", api.path("action").asText());
        assertEquals(requestId, api.path("requestId").asText());
        assertEquals(jti(token), api.path("tokenId").asText());

        // a transition: its tx id on a line of the request, its STATUS entry with the request and the jti
        String trId = "it-tr-" + UUID.randomUUID();
        GatewayIT.Res tr = t.call(t.request("/v1/invoices/" + inv.id().format() + "/transitions", token)
                .header("Content-Type", "application/json").header("X-Request-Id", trId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"DELIVER\",\"reason\":\"sent\"}")));
        assertEquals(200, tr.status(), () -> tr.json().toString());
        String trTx = tr.json().path("txId").asText();
        assertTrue(logs.events().stream().anyMatch(e -> trId.equals(e.getMDCPropertyMap().get("requestId"))
                && trTx.equals(e.getMDCPropertyMap().get("txId"))), "the transition's commit line carries both ids");
        // the request path and the ledger sync both apply a committed transition, whichever comes first; either
        // way the STATUS entry names the request (the sync finds it by tx id while the request waits)
        JsonNode status = awaitStatus(auditor, inv.id().format());
        assertEquals(apiActor, status.path("actor").asText(), "the STATUS entry names the caller: " + status);
        assertEquals(trId, status.path("requestId").asText());
        assertEquals(jti(token), status.path("tokenId").asText());
        JsonNode apiTr = awaitAudit(auditor, "?actor=" + q(apiActor), 2).stream()
                .filter(e -> e.path("action").asText().endsWith("/transitions")).findFirst().orElseThrow();
        assertEquals(trId, apiTr.path("requestId").asText(), "the transition's API entry records the request");
        assertEquals(jti(token), apiTr.path("tokenId").asText());
    }

    @Test
    void theExportIsPagedFilteredAndEachRoleSeesWhatItMay() throws Exception {
        String seller = GEN.creditCode();
        String other = GEN.creditCode();
        String ent = t.gateway.tokens().mint("ent-" + UUID.randomUUID(), Caller.Role.ENTERPRISE, List.of(seller),
                Duration.ofHours(1));
        String stranger = t.gateway.tokens().mint("ent-" + UUID.randomUUID(), Caller.Role.ENTERPRISE, List.of(other),
                Duration.ofHours(1));
        String op = t.gateway.tokens().mint("ops", Caller.Role.OPERATOR, List.of(), Duration.ofHours(1));
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            Invoice inv = GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
            assertEquals(201, submit(ent, "page-" + i, inv, GEN.document(inv, 2_000, 4_000)).status());
        }
        List<JsonNode> all = awaitAudit(op, "?actor=" + q(seller), 3);
        assertEquals(3, all.size(), "three PUT entries by the seller");
        List<JsonNode> first = audit(op, "?actor=" + q(seller) + "&limit=2");
        assertEquals(2, first.size());
        List<JsonNode> second = audit(op, "?actor=" + q(seller) + "&limit=2&cursor=" + first.get(1).path("seq").asLong());
        assertEquals(1, second.size(), "the page after a full one");
        assertEquals(all.get(2).path("seq").asLong(), second.get(0).path("seq").asLong());
        assertTrue(first.get(0).path("seq").asLong() < first.get(1).path("seq").asLong(), "oldest first");

        assertEquals(3, audit(op, "?actor=" + q(seller) + "&from=" + q(before.toString())).size());
        assertEquals(0, audit(op, "?actor=" + q(seller) + "&from=" + q(Instant.now().plusSeconds(3600).toString())).size());
        assertEquals(0, audit(op, "?actor=" + q(seller) + "&to=" + q(before.toString())).size());

        List<JsonNode> own = awaitAudit(ent, "", 3);
        assertTrue(own.stream().allMatch(e -> e.path("actor").asText().equals(seller)
                || e.path("actor").asText().startsWith("enterprise:ent-") || e.path("target").asText().startsWith(seller)),
                "an enterprise sees only its own entries: " + own);
        assertFalse(audit(stranger, "?actor=" + q(seller)).stream().findAny().isPresent(),
                "another enterprise sees none of them");

        assertTrue(audit(op, "?from=2026-12-02&to=2026-12-01").isEmpty(), "a reversed window is empty, not an error");
        for (String bad : List.of("?from=yesterday", "?to=", "?limit=0", "?limit=1001", "?cursor=-1", "?cursor=abc",
                "?actor=")) {
            GatewayIT.Res r = t.get("/v1/audit" + bad, op);
            assertEquals(400, r.status(), bad);
            assertEquals("application/problem+json", r.header("Content-Type"), bad);
            assertEquals(r.header("X-Request-Id"), r.json().path("requestId").asText(), bad);
        }
        assertEquals(401, t.get("/v1/audit", null).status());
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    static <T> T await(Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not seen within 20 s");
    }
}
