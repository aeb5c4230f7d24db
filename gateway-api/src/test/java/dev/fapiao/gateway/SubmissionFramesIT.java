package dev.fapiao.gateway;

import static dev.fapiao.gateway.GatewayIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.gateway.GatewayIT.Res;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The binary submission form against the real network: single and batch, and a malformed body refused whole. */
class SubmissionFramesIT {

    static TestGateway t;
    static final InvoiceGenerator GEN = new InvoiceGenerator(System.nanoTime());

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of());
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

    static Invoice invoice(String seller) {
        return GEN.invoice(seller, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    }

    static void awaitAnchored(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!t.get("/v1/invoices/" + id, token).json().path("anchor").path("phase").asText().equals("ANCHORED")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not anchored: " + id);
            }
            Thread.sleep(200);
        }
    }

    static byte[] frame(String metadata, byte[] doc) {
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(8 + meta.length + doc.length).putInt(meta.length).put(meta)
                .putInt(doc.length).put(doc).array();
    }

    static String frameMeta(Invoice inv) {
        return "{\"invoice\":" + new String(CanonicalJson.of(inv), StandardCharsets.UTF_8) + ",\"contentType\":\"application/xml\"}";
    }

    @Test
    void binaryFramesSubmitSinglesAndBatchesWithTheDocumentAsSent() throws Exception {
        String seller = GEN.creditCode();
        String ent = token(Caller.Role.ENTERPRISE, seller);
        Invoice one = invoice(seller);
        byte[] doc = GEN.document(one, 1_000, 2_000);
        Res r = t.call(t.request("/v1/invoices?wait=committed&timeout=30s", ent)
                .header("Content-Type", SubmissionFrames.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(frame(frameMeta(one), doc))));
        assertEquals(201, r.status(), () -> r.json().toString());
        assertArrayEquals(doc, t.get("/v1/invoices/" + one.id().format() + "/document", ent).body());

        var batch = new java.io.ByteArrayOutputStream();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Invoice inv = invoice(seller);
            ids.add(inv.id().format());
            batch.writeBytes(frame(frameMeta(inv), GEN.document(inv, 500, 1_000)));
        }
        Invoice foreign = invoice(GEN.creditCode());
        batch.writeBytes(frame(frameMeta(foreign), GEN.document(foreign, 500, 1_000)));
        batch.writeBytes(frame("{\"contentType\":\"application/xml\",\"document\":\"AA==\"}", new byte[] {1}));
        Res b = t.call(t.request("/v1/invoices:batch", ent).header("Content-Type", SubmissionFrames.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray())));
        assertEquals(200, b.status(), () -> b.json().toString());
        assertEquals(3, b.json().path("accepted").asInt());
        JsonNode res = b.json().path("items");
        for (int i = 0; i < 3; i++) {
            assertEquals(202, res.get(i).path("status").asInt(), res.get(i)::toString);
            assertEquals(ids.get(i), res.get(i).path("receipt").path("invoiceId").asText());
        }
        assertEquals(403, res.get(3).path("status").asInt());
        assertEquals(400, res.get(4).path("status").asInt());
        assertEquals("document", res.get(4).path("problem").path("errors").get(0).path("field").asText());

        // a body that is not whole frames is refused as a whole, nothing archived
        Invoice cut = invoice(seller);
        byte[] whole = frame(frameMeta(cut), doc);
        Res bad = t.call(t.request("/v1/invoices", ent).header("Content-Type", SubmissionFrames.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(whole, whole.length - 1))));
        assertProblem(bad, 400, "validation");
        assertEquals("malformed_frame", bad.json().path("errors").get(0).path("code").asText());
        assertEquals(404, t.get("/v1/invoices/" + cut.id().format(), ent).status());
        Res two = t.call(t.request("/v1/invoices", ent).header("Content-Type", SubmissionFrames.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray())));
        assertProblem(two, 400, "validation");
        for (String id : ids) {
            awaitAnchored(id, ent);
        }
    }
}
