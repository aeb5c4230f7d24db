package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request ids through the real pipeline (echoed, in problem+json, in the MDC of the request's log
 * lines), and no token, signature or document content in any log line, whatever the request.
 */
class RequestLogTest {

    static final String SELLER = "91310115MA1FL8Q2XH";
    /** Recognisable document content: its bytes, its base64. */
    static final String DOC = "<Invoice>SECRET-DOCUMENT-CONTENT-7f3a9c</Invoice>";

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

    RawHttp.Response send(String method, String path, List<String> headers, String body) throws Exception {
        return h.send(RawHttp.request(method, path, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWellFormedIncomingIdIsEchoedElseOneIsMinted() throws Exception {
        RawHttp.Response mine = send("GET", "/health", List.of("X-Request-Id: client-42.a_b:c"), null);
        assertEquals("client-42.a_b:c", mine.header("X-Request-Id"));
        for (String bad : List.of("has space", "x".repeat(65), "-leading-dash", "semi;colon", "\u00e9t\u00e9")) {
            RawHttp.Response r = send("GET", "/health", List.of("X-Request-Id: " + bad), null);
            String id = r.header("X-Request-Id");
            assertNotEquals(bad, id);
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
        }
        String a = send("GET", "/health", List.of(), null).header("X-Request-Id");
        String b = send("GET", "/health", List.of(), null).header("X-Request-Id");
        assertTrue(a.matches("[0-9a-f-]{36}") && !a.equals(b), a + " " + b);
    }

    @Test
    void problemsCarryTheIdAndTheRequestsLogLinesCarryItInTheirMdc() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            RawHttp.Response noToken = send("GET", "/v1/whoami", List.of("X-Request-Id: req-unauth-1"), null);
            assertEquals(401, noToken.status());
            assertTrue(noToken.text().contains("\"requestId\":\"req-unauth-1\""), noToken.text());
            assertTrue(awaitAccess(logs, "req-unauth-1").getFormattedMessage().startsWith("GET /v1/whoami 401 "),
                    "a refused request has its access line too");
            RawHttp.Response missing = send("GET", "/v1/nothing-here", List.of("Authorization: Bearer " + token), null);
            assertEquals(404, missing.status());
            assertTrue(missing.text().contains("\"requestId\":\"" + missing.header("X-Request-Id") + "\""), missing.text());
            RawHttp.Response ok = send("GET", "/v1/whoami", List.of("Authorization: Bearer " + token,
                    "X-Request-Id: req-ok-1"), null);
            assertEquals(200, ok.status());
            ILoggingEvent access = awaitAccess(logs, "req-ok-1");
            assertTrue(access.getFormattedMessage().startsWith("GET /v1/whoami 200 "), access.getFormattedMessage());
            assertTrue(access.getFormattedMessage().contains("by enterprise:acme token "), "the jti, not the token");
            assertTrue(logs.json(access).contains("\"requestId\":\"req-ok-1\""), logs.json(access));
        }
    }

    @Test
    void noLogLineCarriesATokenASignatureOrDocumentContent() throws Exception {
        String docB64 = Base64.getEncoder().encodeToString(DOC.getBytes(StandardCharsets.UTF_8));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZS14eXo";
        List<String> secrets = List.of(token, signature, forged, docB64, DOC, "SECRET-DOCUMENT-CONTENT-7f3a9c");
        String auth = "Authorization: Bearer " + token;
        String json = "{\"document\":\"" + docB64 + "\",\"contentType\":\"application/xml\",\"invoice\":{\"number\":\"1\"}}";
        try (LogCapture logs = new LogCapture()) {
            List<RawHttp.Response> answers = new ArrayList<>();
            answers.add(send("POST", "/v1/invoices", List.of(auth, "Content-Type: application/json"), json));
            answers.add(send("POST", "/v1/invoices", List.of(auth, "Content-Type: application/json"), json.substring(0, 40)));
            answers.add(send("POST", "/v1/invoices", List.of(auth, RequestPipelineTest.MULTIPART), new String(
                    RequestPipelineTest.multipart(List.<String[]>of(new String[]{"document", DOC, "a.xml"},
                            new String[]{"invoice", "{\"number\":"})), StandardCharsets.UTF_8)));
            answers.add(send("POST", "/v1/invoices", List.of("Authorization: Bearer " + forged,
                    "Content-Type: application/json"), json));
            answers.add(send("POST", "/v1/invoices", List.of("Authorization: Bearer " + DOC), json));
            answers.add(send("POST", "/v1/invoices/" + SELLER + "1/transitions", List.of(auth,
                    "Content-Type: application/json"), "{\"action\":\"DELIVER\",\"reason\":\"" + docB64 + "\"}"));
            answers.add(send("POST", "/v1/invoices", List.of(auth, "Content-Type: text/plain"), DOC));
            answers.add(send("GET", "/v1/whoami?token=" + token, List.of(auth, "X-Signature: " + signature), null));
            for (RawHttp.Response r : answers) {
                assertTrue(r.status() < 500, r::text);
            }
            awaitAccess(logs, answers.get(answers.size() - 1).header("X-Request-Id"));
            logs.assertNone(secrets);
        }
    }

    /** The access line is written when the response ends, on the event loop: wait for it. */
    static ILoggingEvent awaitAccess(LogCapture logs, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ILoggingEvent e : logs.events()) {
                if (e.getLoggerName().equals("dev.fapiao.gateway.access")
                        && requestId.equals(e.getMDCPropertyMap().get("requestId"))) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access line for " + requestId);
    }
}
