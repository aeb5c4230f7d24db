package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the gateway before a route: tokens, limits, bodies and what Netty refuses — never a 5xx. */
class RequestPipelineTest {

    static final String SELLER = "91310115MA1FL8Q2XH";

    @TempDir
    Path dir;
    PipelineHarness h;
    String token;

    @BeforeEach
    void start() throws Exception {
        h = PipelineHarness.start(dir, Map.of());
        token = h.tokens.mint("acme", Caller.Role.ENTERPRISE, List.of(SELLER), Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    static void assertProblem(RawHttp.Response r, int status, String type) {
        assertEquals(status, r.status(), r::text);
        assertEquals("application/problem+json", r.header("Content-Type"), r::text);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), "security headers on every answer");
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertTrue(r.text().contains("\"type\":\"" + ApiException.BASE + type + "\""), r::text);
        assertTrue(r.text().contains("\"status\":" + status), r::text);
    }

    RawHttp.Response post(String path, List<String> headers, byte[] body) throws Exception {
        return h.send(RawHttp.request("POST", path, headers, body));
    }

    static byte[] multipart(List<String[]> fields) {
        StringBuilder b = new StringBuilder();
        for (String[] f : fields) {
            b.append("--XyZ\r\nContent-Disposition: form-data; name=\"").append(f[0]).append('"');
            if (f.length > 2) {
                b.append("; filename=\"").append(f[2]).append("\"\r\nContent-Type: application/xml");
            }
            b.append("\r\n\r\n").append(f[1]).append("\r\n");
        }
        return b.append("--XyZ--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static final String MULTIPART = "Content-Type: multipart/form-data; boundary=XyZ";

    @Test
    void anotherMethodOnAKnownPathIs405WithAllowAndAnUnknownPathIs404() throws Exception {
        List<String> auth = List.of("Authorization: Bearer " + token);
        for (String method : List.of("TRACE", "OPTIONS", "PUT", "DELETE", "PATCH")) {
            RawHttp.Response r = h.send(RawHttp.request(method, "/v1/invoices", auth, new byte[0]));
            assertProblem(r, 405, "method-not-allowed");
            assertEquals("GET, POST", r.header("Allow"), method);
            r = h.send(RawHttp.request(method, "/v1/invoices/91310115MA1FL8Q2XH25312000000012345678/transitions", auth,
                    new byte[0]));
            assertProblem(r, 405, "method-not-allowed");
            assertEquals("POST", r.header("Allow"), method + " on a path with a parameter");
            r = h.send(RawHttp.request(method, "/health", List.of(), new byte[0]));
            assertProblem(r, 405, "method-not-allowed");
            assertEquals("GET", r.header("Allow"), method + " on a public path");
        }
        RawHttp.Response r = h.send(RawHttp.request("TRACE", "/v1/nothing-here", auth, new byte[0]));
        assertProblem(r, 404, "not-found");
        assertNull(r.header("Allow"));
    }

    @Test
    void aRequestWithoutAValidTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        // headers promise 20 MiB; only 1 KiB follows and the client waits: the 401 must come anyway
        for (String auth : List.of("", "Authorization: Bearer not.a.jwt", "Authorization: Basic abc")) {
            List<String> headers = new ArrayList<>(List.of(MULTIPART, "Content-Length: 20971520"));
            if (!auth.isEmpty()) {
                headers.add(auth);
            }
            byte[] head = RawHttp.request("POST", "/v1/invoices", headers, new byte[0]);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", h.port()), 5000);
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(head);
                out.write(multipart(List.<String[]>of(new String[]{"document", "x".repeat(1000), "a.xml"})));
                out.flush();
                assertProblem(RawHttp.read(s.getInputStream()), 401, "unauthorized");
            }
            assertEquals(0, h.uploadedFiles(), "nothing written to disk for " + auth);
        }
    }

    @Test
    void multipartLimitsAndMalformedPartsAre4xxProblems() throws Exception {
        List<String> auth = List.of(MULTIPART, "Authorization: Bearer " + token);
        // an empty part name: Netty's decoder throws (bad-request) or drops the part (validation); never a 500
        for (String[] part : List.of(new String[]{"", "v"}, new String[]{"", "v", "f.xml"})) {
            RawHttp.Response r = post("/v1/invoices", auth, multipart(List.<String[]>of(part)));
            assertProblem(r, 400, r.text().contains("/validation\"") ? "validation" : "bad-request");
        }
        List<String[]> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new String[]{"f" + i, "v"});
        }
        assertProblem(post("/v1/invoices", auth, multipart(many)), 413, "too-large");
        byte[] truncated = "--XyZ\r\nContent-Disposition: form-data; name=\"invoice\"\r\n\r\n{".getBytes(StandardCharsets.UTF_8);
        RawHttp.Response cut = post("/v1/invoices", auth, truncated);
        assertTrue(cut.status() == 400, cut::text);
        RawHttp.Response noBoundary = post("/v1/invoices", List.of("Content-Type: multipart/form-data",
                "Authorization: Bearer " + token), "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noBoundary.status(), noBoundary::text);
        RawHttp.Response big = post("/v1/invoices", List.of("Content-Type: application/json",
                "Authorization: Bearer " + token, "Content-Length: " + (h.config.maxBodyBytes() + 1)), new byte[0]);
        assertProblem(big, 413, "too-large");
        assertEquals(0, h.uploadedFiles(), "uploads are deleted");
    }

    /**
     * A refused request whose client is still sending its body (over the limit, or without a token):
     * the gateway reads and discards the rest before it closes, so the client gets all of its body
     * out and then reads the whole answer, never a reset in its place.
     */
    @Test
    void aRefusedBodyStillArrivingIsReadBeforeTheClose() throws Exception {
        int size = (int) h.config.maxBodyBytes() + 1024 * 1024;
        assertTrue(size < LingeringClose.forBodyLimit(h.config.maxBodyBytes()).maxBytes(), "a body the close lingers for");
        for (List<String> headers : List.of(
                List.of("Content-Type: application/json", "Authorization: Bearer " + token),
                List.of("Content-Type: application/json"))) {
            // as HTTP clients send it: keep-alive (the close is the gateway's decision)
            byte[] request = new String(RawHttp.request("POST", "/v1/invoices", headers, new byte[size]),
                    StandardCharsets.ISO_8859_1).replace("Connection: close\r\n", "").getBytes(StandardCharsets.ISO_8859_1);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", h.port()), 5000);
                s.setSoTimeout(15_000);
                var writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        for (int off = 0; off < request.length; off += 16 * 1024) {
                            out.write(request, off, Math.min(16 * 1024, request.length - off));
                        }
                        out.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                byte[] answer = s.getInputStream().readAllBytes(); // a reset throws here
                writer.get(15, java.util.concurrent.TimeUnit.SECONDS); // and here, had the body been cut off
                RawHttp.Response r = RawHttp.read(new java.io.ByteArrayInputStream(answer));
                if (headers.size() == 2) {
                    assertProblem(r, 413, "too-large");
                } else {
                    assertProblem(r, 401, "unauthorized");
                }
                assertEquals("close", r.header("Connection"));
            }
        }
    }

    @Test
    void tokenRulesAreExact() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String secret = Tokens.secret(h.config.secretPath());
        JsonObject ok = new JsonObject().put("sub", "x").put("role", "auditor").put("iat", now).put("exp", now + 600)
                .put("iss", h.config.jwtIssuer());
        assertEquals(200, whoami(hs256(new JsonObject().put("alg", "HS256").put("typ", "JWT"), ok, secret)).status());
        List<JsonObject> bad = List.of(
                ok.copy().put("exp", "soon"),
                ok.copy().put("exp", 1_000_000_000_000_000_000L),
                ok.copy().put("iat", now - 10).put("exp", now + 7200),
                ok.copy().put("iat", "yesterday"),
                ok.copy().put("role", "Auditor"),
                ok.copy().put("role", "AUDITOR"),
                ok.copy().put("role", "enterprise").put("codes", SELLER),
                ok.copy().put("role", "enterprise").put("codes", new JsonArray().add(7)),
                ok.copy().put("sub", 5),
                ok.copy().put("jti", 5));
        for (JsonObject claims : bad) {
            assertProblem(whoami(hs256(new JsonObject().put("alg", "HS256"), claims, secret)), 401, "unauthorized");
        }
        String crit = hs256(new JsonObject().put("alg", "HS256").put("crit", new JsonArray().add("exp")).put("exp", 1), ok,
                secret);
        assertProblem(whoami(crit), 401, "unauthorized");
        assertProblem(whoami("%%%." + crit.substring(crit.indexOf('.') + 1)), 401, "unauthorized");
        Caller c = Tokens.caller(ok.copy().put("jti", "t-1"));
        assertEquals("t-1", c.tokenId(), "jti is kept with the caller");
        assertTrue(Tokens.caller(ok).tokenId() == null);
    }

    @Test
    void mintRefusesALifetimeOverTheMaximum() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> h.tokens.mint("a", Caller.Role.AUDITOR, List.of(), Duration.ofHours(2)));
        assertTrue(e.getMessage().contains("jwtMaxLifetimeSeconds"), e.getMessage());
        String t = h.tokens.mint("a", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(t.split("\\.")[1]), StandardCharsets.UTF_8));
        assertTrue(claims.getString("jti").length() >= 32, "minted tokens carry a jti");
    }

    @Test
    void nettyRefusalsAreProblemsWithSecurityHeaders() throws Exception {
        assertProblem(h.send(RawHttp.request("GET", "/v1/invoices?q=" + "a".repeat(RequestPipeline.MAX_INITIAL_LINE),
                List.of(), new byte[0])), 414, "uri-too-long");
        List<String> fat = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fat.add("X-Padding-" + i + ": " + "b".repeat(500));
        }
        assertProblem(h.send(RawHttp.request("GET", "/health", fat, new byte[0])), 431, "headers-too-large");
        assertProblem(h.send("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400, "bad-request");
        assertProblem(h.send("GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                400, "bad-request");
    }

    @Test
    void rulesOnTransitionBodiesAnswer400() throws Exception {
        String id = SELLER + "12345678901234567890";
        List<String> json = List.of("Content-Type: application/json", "Authorization: Bearer " + token);
        assertEquals(200, post("/v1/invoices/" + id + "/transitions", json,
                "{\"action\":\"DELIVER\",\"reason\":\"sent\"}".getBytes(StandardCharsets.UTF_8)).status());
        assertProblem(post("/v1/invoices/" + id + "/transitions", json,
                "{\"action\":\"deliver\",\"reason\":\"sent\"}".getBytes(StandardCharsets.UTF_8)), 400, "validation");
        assertProblem(post("/v1/invoices/" + id + "/transitions", json,
                "{\"action\":\"DELIVER\",\"reason\":\"a\\u0000\\u001b[2J\"}".getBytes(StandardCharsets.UTF_8)), 400, "validation");
    }

    RawHttp.Response whoami(String jwt) throws Exception {
        return h.send(RawHttp.request("GET", "/v1/whoami", List.of("Authorization: Bearer " + jwt), new byte[0]));
    }

    static String hs256(JsonObject header, JsonObject claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
