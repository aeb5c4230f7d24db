package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link HttpFuzz} against the gateway's request pipeline and parsers ({@link PipelineHarness}, no
 * ledger); {@code GatewayFuzzIT} sends the same against the gateway on the real network.
 */
class RequestFuzzTest {

    static PipelineHarness h;
    static final HttpFuzz FUZZ = new HttpFuzz();

    @BeforeContainer
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("fapiao-fuzz");
        // limits high enough that the fuzzer reaches the routes rather than the rate limiter
        h = PipelineHarness.start(dir, Map.of("FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_BURST", "1000000",
                "FAPIAO_GATEWAY_RATE_LIMIT_BURST", "1000000"));
    }

    @AfterContainer
    static void stop() throws Exception {
        h.close();
        System.out.println("RequestFuzzTest: " + FUZZ);
        assertEquals(0, h.uploadedFiles(), "no upload left behind");
    }

    @Property(tries = 600)
    void noInputGivesAServerError(@ForAll("requests") HttpFuzz.Req r) throws Exception {
        FUZZ.check(r, h.send(r.bytes()));
    }

    @Provide
    Arbitrary<HttpFuzz.Req> requests() {
        return HttpFuzz.requests(
                h.tokens.mint("fuzz-ent", Caller.Role.ENTERPRISE, List.of(HttpFuzz.SELLER), Duration.ofMinutes(50)),
                h.tokens.mint("fuzz-aud", Caller.Role.AUDITOR, List.of(), Duration.ofMinutes(50)));
    }
}
