package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis (scripts/schemathesis.sh, pinned from PyPI) against the in-process gateway on the
 * real network: every operation of /openapi.yaml, all phases (examples, coverage, fuzzing, stateful) and
 * checks, with the auditor's token and the operator's for what only an operator may do, then the enterprise's
 * operations again with an enterprise token, over invoices it seeds first; it must end with
 * no server error and no contract violation (exit 0). The run's summary (cases, failures, seed) is printed.
 */
class SchemathesisIT {

    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_BURST", "1000000",
                "FAPIAO_GATEWAY_RATE_LIMIT_BURST", "1000000", "FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "1"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** The contract's example issuer (openapi.yaml, GET /v1/invoices): invoices the read operations can reach. */
    static final String ISSUER = "91310115MA1FL8Q2XH";

    /**
     * Archived and anchored invoices of {@link #ISSUER}, one of them delivered, so that the examples phase's
     * search finds ids and the later phases (extra data sources, links) read, prove and transition real ones.
     */
    private static void seed(String operator) throws Exception {
        for (int i = 0; i < 3; i++) {
            var inv = GatewayIT.GEN.invoice(ISSUER, java.time.Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS)
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            var sub = GatewayIT.submission(inv, ("%PDF-1.7 schemathesis seed " + i).getBytes(StandardCharsets.UTF_8))
                    .put("contentType", "application/pdf").put("opaqueDocument", true);
            var res = t.postJson("/v1/invoices?wait=committed&timeout=30s", operator, sub.toString());
            assertEquals(201, res.status(), () -> new String(res.body(), StandardCharsets.UTF_8));
            String id = res.json().path("invoiceId").asText();
            for (int w = 0; w < 120 && t.get("/v1/invoices/" + id + "/proof", operator).status() == 503; w++) {
                Thread.sleep(500); // until a checkpoint covers it: the proof operation then answers 200
            }
            if (i == 0) {
                var moved = t.postJson("/v1/invoices/" + res.json().path("invoiceId").asText() + "/transitions", operator,
                        "{\"action\":\"DELIVER\",\"reason\":\"seed\"}");
                assertEquals(200, moved.status(), () -> new String(moved.body(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void theRunningGatewayKeepsItsContract() throws Exception {
        Path root = TestGateway.repoRoot();
        // each operation with the role that may call it (scripts/schemathesis.toml); within the 1 h token limit
        String auditor = t.gateway.tokens().mint("schemathesis-auditor", Caller.Role.AUDITOR, List.of(), Duration.ofMinutes(50));
        String operator = t.gateway.tokens().mint("schemathesis-operator", Caller.Role.OPERATOR, List.of(), Duration.ofMinutes(50));
        String enterprise = t.gateway.tokens().mint("schemathesis-enterprise", Caller.Role.ENTERPRISE, List.of(ISSUER),
                Duration.ofMinutes(50));
        seed(operator);
        Path report = t.dir.resolve("schemathesis");
        Process p = new ProcessBuilder(root.resolve("scripts/schemathesis.sh").toString(), t.base,
                t.gateway.certificate().toString(), auditor, operator, enterprise, report.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        Path log = t.dir.resolve("schemathesis.log");
        try (var out = Files.newOutputStream(log)) {
            p.getInputStream().transferTo(out);
        }
        boolean done = p.waitFor(30, TimeUnit.MINUTES);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(true, done, "schemathesis did not finish in 30 minutes");
        assertEquals(0, p.exitValue(), "schemathesis found server errors or contract violations (see above)");
    }
}
