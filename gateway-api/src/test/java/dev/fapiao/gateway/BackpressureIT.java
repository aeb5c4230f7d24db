package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.invoice.Invoice;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 503 over HTTP: a node whose anchoring backlog is full refuses new work with a
 * retryable problem (Retry-After) and writes nothing. The backlog bound is 1 and batches
 * wait 10 minutes for company, so the first invoice fills the backlog for this test.
 */
class BackpressureIT {

    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of(
                "FAPIAO_ARCHIVE_MAX_BACKLOG", "1",
                "FAPIAO_ANCHORING_BATCH_SIZE", "500",
                "FAPIAO_ANCHORING_BATCH_AGE_MILLIS", "600000"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static GatewayIT.Res post(String token, Invoice inv) throws Exception {
        String body = Json.text(GatewayIT.submission(inv, GatewayIT.GEN.document(inv, 2_000, 3_000)));
        var r = t.send(t.request("/v1/invoices", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String ct = r.headers().firstValue("Content-Type").orElse("");
        return new GatewayIT.Res(r.statusCode(), ct.contains("json") ? Json.MAPPER.readTree(r.body()) : null, r.body(), r);
    }

    @Test
    void fullBacklogGives503WithRetryAfterAndWritesNothing() throws Exception {
        String seller = GatewayIT.GEN.creditCode();
        String ent = t.gateway.tokens().mint("enterprise-bp", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));

        GatewayIT.Res ok = post(ent, GatewayIT.invoice(seller));
        assertEquals(202, ok.status(), new String(ok.body()));

        Invoice second = GatewayIT.invoice(seller);
        GatewayIT.Res refused = post(ent, second);
        GatewayIT.assertProblem(refused, 503, "backpressure");
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        var lookup = t.send(t.request("/v1/invoices/" + second.id().format(), ent).GET());
        assertEquals(404, lookup.statusCode(), "nothing was written");

        // a batch is refused as a whole, before its items are parsed or sealed
        Invoice third = GatewayIT.invoice(seller);
        String batch = "{\"items\":[" + Json.text(GatewayIT.submission(third, GatewayIT.GEN.document(third, 2_000, 3_000)))
                + "," + Json.text(GatewayIT.submission(second, GatewayIT.GEN.document(second, 2_000, 3_000))) + "]}";
        var r = t.send(t.request("/v1/invoices:batch", ent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)));
        GatewayIT.Res batchRefused = new GatewayIT.Res(r.statusCode(), Json.MAPPER.readTree(r.body()), r.body(), r);
        GatewayIT.assertProblem(batchRefused, 503, "backpressure");
        assertTrue(Long.parseLong(batchRefused.header("Retry-After")) >= 1);
        assertEquals(404, t.send(t.request("/v1/invoices/" + third.id().format(), ent).GET()).statusCode());
    }
}
