package dev.fapiao.gateway;

import static dev.fapiao.gateway.RequestPipelineTest.MULTIPART;
import static dev.fapiao.gateway.RequestPipelineTest.SELLER;
import static dev.fapiao.gateway.RequestPipelineTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.seal.RequestEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed requests through the real pipeline (no ledger: the registry is a map, the nonce store a
 * real RocksDB): the body hash over the bytes received, JSON and multipart, before any route runs.
 */
class SignedRequestPipelineTest {

    static final String ID = SELLER + "00000000000000000001";
    static final String TARGET = "/v1/invoices/" + ID + "/transitions";
    static final byte[] HOLD_OFF = "{\"action\":\"LEGAL_HOLD_OFF\",\"reason\":\"lifted\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    PipelineHarness h;
    final Sm2KeyPair key = Sm2KeyPair.generate();

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private String start(String mode) throws Exception {
        h = PipelineHarness.start(dir, Map.of("FAPIAO_REQUEST_SIGNATURES_MODE", mode,
                "FAPIAO_REQUEST_SIGNATURES_KEY_CACHE_SECONDS", "0"));
        h.registry.enterprise(key.keyId(), SELLER, key.publicKey().toPem(), null);
        return "Authorization: Bearer " + h.tokens.mint("acme", Caller.Role.ENTERPRISE, List.of(SELLER),
                Duration.ofMinutes(10));
    }

    /** The four headers for {@code body} sent to {@code target}, signed now with a fresh nonce. */
    static List<String> signed(Sm2KeyPair key, String method, String target, byte[] body) {
        RequestEncoding e = new RequestEncoding(method, target, Sm3.hashHex(body), Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), key.keyId());
        return List.of("Fapiao-Key-Id: " + e.keyId(), "Fapiao-Timestamp: " + e.timestamp(),
                "Fapiao-Nonce: " + e.nonce(), "Fapiao-Signature: " + e.sign(Sm2Signer.of(key.privateKey())));
    }

    private RawHttp.Response post(String target, List<String> headers, byte[] body) throws Exception {
        return h.send(RawHttp.request("POST", target, headers, body));
    }

    private static List<String> with(String... first) {
        return new ArrayList<>(List.of(first));
    }

    @Test
    void aSignedTransitionPassesOnceAndItsReplayIs401() throws Exception {
        String auth = start("required");
        List<String> headers = with(auth, "Content-Type: application/json");
        headers.addAll(signed(key, "POST", TARGET, HOLD_OFF));
        RawHttp.Response first = post(TARGET, headers, HOLD_OFF);
        assertEquals(200, first.status(), first::text);
        assertTrue(first.text().contains("LEGAL_HOLD_OFF"));
        assertProblem(post(TARGET, headers, HOLD_OFF), 401, "request-replayed");
        assertEquals(1, h.archive.nonces().size());
    }

    @Test
    void requiredModeRefusesBearerOnlyAndOneChangedByteButNotReads() throws Exception {
        String auth = start("required");
        RawHttp.Response bare = post(TARGET, with(auth, "Content-Type: application/json"), HOLD_OFF);
        assertProblem(bare, 401, "signature-required");
        List<String> headers = with(auth, "Content-Type: application/json");
        headers.addAll(signed(key, "POST", TARGET, HOLD_OFF));
        byte[] changed = HOLD_OFF.clone();
        changed[changed.length - 3] ^= 1;
        assertProblem(post(TARGET, headers, changed), 401, "bad-signature");
        // the same headers on another invoice's path
        assertProblem(post("/v1/invoices/" + SELLER + "00000000000000000002/transitions", headers, HOLD_OFF), 401,
                "bad-signature");
        RawHttp.Response read = h.send(RawHttp.request("GET", "/v1/invoices?issuer=" + SELLER + "&limit=5", List.of(auth), new byte[0]));
        assertEquals(200, read.status(), read::text);
    }

    @Test
    void aMultipartBodyIsHashedAsReceived() throws Exception {
        String auth = start("required");
        byte[] body = RequestPipelineTest.multipart(List.<String[]>of(new String[] {"invoice", "{\"number\":1}"},
                new String[] {"document", "<Invoice/>", "a.xml"}));
        List<String> headers = with(auth, MULTIPART);
        headers.addAll(signed(key, "POST", "/v1/invoices", body));
        // past the signature check: the route's own validation answers
        assertProblem(post("/v1/invoices", headers, body), 400, "validation");
        List<String> other = with(auth, MULTIPART);
        other.addAll(signed(key, "POST", "/v1/invoices", body));
        byte[] changed = body.clone();
        changed[changed.length - 20] ^= 1;
        assertProblem(post("/v1/invoices", other, changed), 401, "bad-signature");
    }

    @Test
    void optionalModeAcceptsBearerOnlyButStillChecksASignatureThatIsSent() throws Exception {
        String auth = start("optional");
        assertEquals(200, post(TARGET, with(auth, "Content-Type: application/json"), HOLD_OFF).status());
        List<String> headers = with(auth, "Content-Type: application/json");
        headers.addAll(signed(Sm2KeyPair.generate(), "POST", TARGET, HOLD_OFF));
        assertProblem(post(TARGET, headers, HOLD_OFF), 401, "bad-signature");
    }
}
