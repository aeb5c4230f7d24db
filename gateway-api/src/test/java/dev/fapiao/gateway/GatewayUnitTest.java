package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.service.DocumentTooLargeException;
import io.grpc.protobuf.StatusProto;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayUnitTest {

    @TempDir
    Path tmp;

    @Test
    void rateLimiterAllowsBurstThenAsksToWait() {
        RateLimiter rl = new RateLimiter(2, 3);
        long t0 = 1_000_000_000L;
        assertEquals(0, rl.acquire("a", t0));
        assertEquals(0, rl.acquire("a", t0));
        assertEquals(0, rl.acquire("a", t0));
        assertEquals(1, rl.acquire("a", t0));
        assertEquals(0, rl.acquire("b", t0), "buckets are per client");
        assertEquals(0, rl.acquire("a", t0 + 600_000_000L), "refilled at 2/s");
        assertEquals(1, rl.acquire("a", t0 + 600_000_000L));
    }

    @Test
    void failuresMapToStableProblems() {
        assertEquals(400, Problems.of(new ValidationException(List.of(new FieldError("a", "b", "c")))).status());
        ApiException busy = Problems.of(new CompletionException(new BackpressureException("full")));
        assertEquals(503, busy.status());
        assertEquals(5, busy.retryAfter());
        assertEquals("https://fapiao.dev/problems/backpressure", busy.type());
        assertEquals(409, Problems.of(new ConflictException("x")).status());
        assertEquals(413, Problems.of(new DocumentTooLargeException(10, 5)).status());
        assertEquals(503, Problems.of(new ConfigException("no identity")).status());
        ApiException internal = Problems.of(new NullPointerException("bug"));
        assertEquals(500, internal.status());
        assertTrue(!internal.getMessage().contains("bug"), "internals are not leaked");
    }

    @Test
    void disposalRefusalsAre409WithTheirReason() {
        String id = "91350100M000100Y4312345678901234567890";
        ApiException local = Problems.of(new CompletionException(new DisposalRefusedException(id,
                DisposalRefusedException.Reason.RETENTION_NOT_OVER, LocalDate.of(2041, 11, 23), LocalDate.of(2026, 11, 23))));
        assertEquals(409, local.status());
        assertEquals("https://fapiao.dev/problems/illegal-transition", local.type());
        assertTrue(local.getMessage().contains("must be retained until 2041-11-23"), local.getMessage());
        ApiException hold = Problems.of(new DisposalRefusedException(id, DisposalRefusedException.Reason.LEGAL_HOLD,
                LocalDate.of(2020, 1, 1), LocalDate.of(2026, 11, 23)));
        assertEquals(409, hold.status());
        assertTrue(hold.getMessage().contains("under legal hold"), hold.getMessage());

        // the chaincode's refusal, as the Fabric Gateway reports it (per-peer error details)
        String refusal = "ILLEGAL_TRANSITION: DISPOSE of " + id + " in status ISSUED: it must be retained until "
                + "2041-11-23 (transaction date 2026-11-23 CST)";
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(io.grpc.Status.Code.ABORTED.value())
                .setMessage("failed to endorse transaction, see attached details for more info")
                .addDetails(com.google.protobuf.Any.pack(ErrorDetail.newBuilder().setAddress("peer0:7051")
                        .setMspId("EnterpriseServicesMSP").setMessage("chaincode response 500, " + refusal).build()))
                .build();
        ApiException ledger = Problems.of(new EndorseException("tx1", StatusProto.toStatusRuntimeException(status)));
        assertEquals(409, ledger.status());
        assertEquals("https://fapiao.dev/problems/illegal-transition", ledger.type());
        assertEquals(refusal, ledger.getMessage());
    }

    @Test
    void configComesFromTheFileSectionAndTheEnvironment() throws Exception {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, "node:\n  id: unit-node\ngateway:\n  port: 9999\n  maxBatchItems: 10\n");
        GatewayConfig.Loaded c = GatewayConfig.load(file, Map.of("FAPIAO_GATEWAY_RATE_LIMIT_BURST", "7"));
        assertEquals("unit-node", c.node().node().id());
        assertEquals(9999, c.gateway().port());
        assertEquals(10, c.gateway().maxBatchItems());
        assertEquals(7, c.gateway().rateLimitBurst());
        assertEquals("127.0.0.1", c.gateway().host());
        Files.writeString(file, "gateway:\n  prot: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(file, Map.of()));
        assertTrue(e.getMessage().contains("gateway.prot"), e.getMessage());
        assertThrows(ConfigException.class, () -> GatewayConfig.load(null, Map.of("FAPIAO_GATEWAY_JWT_ALGORITHM", "none")));
    }

    @Test
    void tokensRoundTripAndSecretIsGeneratedOnce() throws Exception {
        Path secret = tmp.resolve("gw/jwt-secret");
        GatewayConfig g = GatewayConfig.load(null, Map.of("FAPIAO_GATEWAY_DATA_DIR", tmp.resolve("gw").toString())).gateway();
        Vertx vertx = Vertx.vertx();
        try {
            Tokens tokens = Tokens.create(vertx, g);
            String first = Files.readString(secret, StandardCharsets.US_ASCII);
            Tokens.create(vertx, g);
            assertEquals(first, Files.readString(secret, StandardCharsets.US_ASCII));
            String tok = tokens.mint("acme", Caller.Role.ENTERPRISE, List.of("91310115MA1FL8Q2XH"), Duration.ofMinutes(5));
            Caller c = tokens.authenticate(tok).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("acme", c.subject());
            assertEquals(Caller.Role.ENTERPRISE, c.role());
            assertTrue(c.actsFor("91310115MA1FL8Q2XH"));
            assertTrue(!c.actsFor("91110108MA01KP7R31"));
            String tampered = tok.substring(0, tok.length() - 3) + (tok.endsWith("AAA") ? "BBB" : "AAA");
            var failed = tokens.authenticate(tampered).toCompletionStage().toCompletableFuture();
            var ex = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
            assertEquals(401, ((ApiException) ex.getCause()).status());
        } finally {
            vertx.close();
        }
    }

    @Test
    void claimsWithoutRoleOrCodesAreRefused() {
        assertEquals(401, assertThrows(ApiException.class,
                () -> Tokens.caller(new JsonObject().put("sub", "x").put("role", "admin").put("exp", 1))).status());
        assertEquals(401, assertThrows(ApiException.class,
                () -> Tokens.caller(new JsonObject().put("sub", "x").put("role", "enterprise").put("exp", 1))).status());
        Caller aud = Tokens.caller(new JsonObject().put("sub", "x").put("role", "auditor").put("codes", new JsonArray()).put("exp", 1));
        assertTrue(aud.actsFor("anything"));
    }

    @Test
    void devCertificateIsCreatedOnceForLoopback() throws Exception {
        DevTls.Files2 f = DevTls.ensure(tmp.resolve("tls"));
        String pem = Files.readString(f.cert());
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"));
        var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(f.cert()));
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
        assertEquals(pem, Files.readString(DevTls.ensure(tmp.resolve("tls")).cert()));
    }

    @Test
    void ttlParsing() {
        assertEquals(Duration.ofHours(24), GatewayMain.duration("24h"));
        assertEquals(Duration.ofDays(7), GatewayMain.duration("7d"));
        assertThrows(IllegalArgumentException.class, () -> GatewayMain.duration("soon"));
    }
}
