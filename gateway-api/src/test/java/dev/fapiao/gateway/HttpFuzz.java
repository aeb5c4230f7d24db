package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The HTTP fuzzer's generators and its one rule: whatever is sent (methods, paths, queries, tokens,
 * content types, JSON and multipart bodies, lengths), the answer is below 500, and every refusal
 * is problem+json with the security headers.
 */
final class HttpFuzz {

    static final String SELLER = "91310115MA1FL8Q2XH";

    record Req(String method, String target, List<String> headers, byte[] body) {
        byte[] bytes() {
            return RawHttp.request(method, target, headers, body);
        }
    }

    final AtomicInteger cases = new AtomicInteger();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();

    void check(Req r, RawHttp.Response res) {
        cases.incrementAndGet();
        statuses.computeIfAbsent(res.status(), k -> new AtomicInteger()).incrementAndGet();
        assertTrue(res.status() < 500, () -> res.status() + " for " + r.method() + " " + r.target() + " " + r.headers()
                + ": " + res.text());
        if (res.status() >= 400) {
            assertEquals("application/problem+json", res.header("Content-Type"), () -> r + " -> " + res.text());
            assertEquals("nosniff", res.header("X-Content-Type-Options"), () -> r + " -> " + res.status());
        }
    }

    @Override
    public String toString() {
        return cases.get() + " requests, statuses " + statuses;
    }

    /** Requests with the two tokens (an enterprise's for {@link #SELLER}, an auditor's) among the random ones. */
    static Arbitrary<Req> requests(String enterprise, String auditor) {
        Arbitrary<String> method = Arbitraries.oneOf(
                Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12));
        String id = SELLER + "12345678901234567890";
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_.~%:;@!$&'()*+,=").ofMaxLength(40),
                Arbitraries.of("..", "%2e%2e", "%00", "%ff", "%", "%zz", "%E4%B8%AD", id, id + "x", "transitions",
                        "document", "provenance", "proof", "invoices:batch", "proofs:verify"));
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/v1/invoices", "/v1/invoices/" + id + "/transitions", "/v1/invoices:batch", "/health",
                        "/ready", "/openapi.yaml", "/v1/whoami", "/v1/signers", "/console/", "/", "*"),
                segment.list().ofMaxSize(6).map(s -> "/v1/" + String.join("/", s)),
                segment.list().ofMaxSize(4).map(s -> "/" + String.join("/", s)));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("issuer", "from", "to", "status", "limit", "cursor", "wait", "timeout",
                                "", "x"),
                        Arbitraries.oneOf(Arbitraries.of(SELLER, "2026-01-01", "2026-13-45", "ISSUED", "-1", "99999999999",
                                "committed", "20s", "", "%", "%00"), Arbitraries.strings().ofMaxLength(20)
                                .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8))))
                        .as((k, v) -> k + "=" + v).list().ofMaxSize(5).map(l -> "?" + String.join("&", l)));
        Arbitrary<String> auth = Arbitraries.oneOf(Arbitraries.of("", "Authorization: Bearer " + enterprise,
                        "Authorization: Bearer " + auditor, "Authorization: Bearer ", "Authorization: bearer " + enterprise,
                        "Authorization: Basic YTpi", "Authorization: Bearer a.b.c", "Authorization: Bearer "
                                + enterprise.substring(0, enterprise.length() - 2)),
                Arbitraries.strings().ofMaxLength(200).map(s -> "Authorization: Bearer " + s.replaceAll("[\\r\\n]", "")));
        Arbitrary<String> contentType = Arbitraries.of("", "Content-Type: application/json",
                "Content-Type: multipart/form-data; boundary=XyZ", "Content-Type: multipart/form-data",
                "Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded",
                "Content-Type: application/json; charset=utf-16", "Content-Type: ;;;");
        Arbitrary<byte[]> body = Arbitraries.oneOf(Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                json().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                multipart().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(300).map(s -> ("a=" + s + "&b").getBytes(StandardCharsets.UTF_8)));
        // no framing lies that leave the server waiting for bytes that never come (a timeout, not an answer)
        Arbitrary<List<String>> extra = Arbitraries.of("", "Content-Length: -1", "Content-Length: 1x",
                "Expect: 100-continue", "X-Forwarded-For: 1.2.3.4", "Accept: */*",
                "Content-Encoding: gzip").list().ofMaxSize(2);
        return Combinators.combine(method, path, query, auth, contentType, body, extra).as((m, p, q, a, ct, b, x) -> {
            List<String> headers = new ArrayList<>();
            for (String hd : List.of(a, ct)) {
                if (!hd.isEmpty()) {
                    headers.add(hd);
                }
            }
            x.stream().filter(s -> !s.isEmpty()).forEach(headers::add);
            return new Req(m, p.equals("*") ? p : p + q, headers, b);
        });
    }

    static Arbitrary<String> json() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("null", "true", "1e999", "-0", "\"\"", "[]", "{}",
                "\"DELIVER\"", "\"deliver\"", "\"\\u0000\"", "\"\\u001b[2J\"", "\"YWJj\"", "\"application/xml\"",
                "{\"number\":\"1\"}", "[1,2,", "\"\\ud800\""), Arbitraries.strings().ofMaxLength(30)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Arbitrary<String> key = Arbitraries.of("action", "reason", "ref", "invoice", "document", "contentType",
                "enterpriseSignature", "items", "", "x");
        return Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(6)
                .map(l -> "{" + String.join(",", l) + "}");
    }

    static Arbitrary<String> multipart() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("invoice", "document", "contentType", "", "\"", "x"),
                Arbitraries.strings().ofMaxLength(10).map(s -> s.replaceAll("[\"\\r\\n]", "")));
        Arbitrary<String> part = Combinators.combine(name, Arbitraries.of("", "; filename=\"a.xml\"", "; filename=\"\""),
                        Arbitraries.of("", "\r\nContent-Type: application/xml", "\r\nContent-Type: ", "\r\nContent-Type: x"),
                        json())
                .as((n, f, t, v) -> "--XyZ\r\nContent-Disposition: form-data; name=\"" + n + "\"" + f + t + "\r\n\r\n"
                        + v + "\r\n");
        return Combinators.combine(part.list().ofMaxSize(40), Arbitraries.of("--XyZ--\r\n", "", "--XyZ", "--other--"))
                .as((parts, end) -> String.join("", parts) + end);
    }
}
