package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traffic without a valid token is limited per client address; authenticated callers by their own bucket. */
class AddressLimitTest {

    @TempDir
    Path dir;

    @Test
    void unauthenticatedAndFailedAuthenticationTrafficIsLimitedPerAddress() throws Exception {
        try (PipelineHarness h = PipelineHarness.start(dir, Map.of(
                "FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_PER_SECOND", "0.01", "FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_BURST", "4"))) {
            String good = h.tokens.mint("aud", Caller.Role.AUDITOR, List.of(), Duration.ofMinutes(5));
            assertEquals(401, h.send(RawHttp.request("GET", "/v1/whoami", List.of(), new byte[0])).status());
            assertEquals(401, h.send(RawHttp.request("GET", "/v1/whoami", List.of("Authorization: Bearer x.y.z"),
                    new byte[0])).status());
            assertEquals(200, h.send(RawHttp.request("GET", "/health", List.of(), new byte[0])).status());
            assertEquals(404, h.send(RawHttp.request("GET", "/nothing", List.of(), new byte[0])).status());
            RawHttp.Response limited = h.send(RawHttp.request("GET", "/v1/whoami", List.of("Authorization: Bearer bad"),
                    new byte[0]));
            RequestPipelineTest.assertProblem(limited, 429, "rate-limited");
            assertEquals("100", limited.header("Retry-After"));
            RequestPipelineTest.assertProblem(h.send(RawHttp.request("GET", "/health", List.of(), new byte[0])), 429,
                    "rate-limited");
            assertEquals(200, h.send(RawHttp.request("GET", "/v1/whoami", List.of("Authorization: Bearer " + good),
                    new byte[0])).status(), "a valid token is not charged to the address");
        }
    }
}
