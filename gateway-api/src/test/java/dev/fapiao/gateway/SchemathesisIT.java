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
 * real network, with an auditor token: every operation of /openapi.yaml, all checks; it must end
 * with no server error and no contract violation (exit 0). The run's summary is printed.
 */
class SchemathesisIT {

    static TestGateway t;

    @BeforeAll
    static void start() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_BURST", "1000000",
                "FAPIAO_GATEWAY_RATE_LIMIT_BURST", "1000000"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void theRunningGatewayKeepsItsContract() throws Exception {
        Path root = TestGateway.repoRoot();
        String token = t.gateway.tokens().mint("schemathesis", Caller.Role.AUDITOR, List.of(), Duration.ofMinutes(50));
        Path report = t.dir.resolve("schemathesis");
        Process p = new ProcessBuilder(root.resolve("scripts/schemathesis.sh").toString(), t.base,
                t.gateway.certificate().toString(), token, report.toString())
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
