package dev.fapiao.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** {@link HttpFuzz} against the in-process gateway on the real Fabric network: every route, TLS, the node behind it. */
class GatewayFuzzIT {

    static TestGateway t;
    static SocketFactory tls;
    static final HttpFuzz FUZZ = new HttpFuzz();

    @BeforeContainer
    static void start() throws Exception {
        t = TestGateway.start(Map.of("FAPIAO_GATEWAY_ADDRESS_RATE_LIMIT_BURST", "1000000",
                "FAPIAO_GATEWAY_RATE_LIMIT_BURST", "1000000"));
        tls = TestGateway.sslContext(t.gateway.certificate()).getSocketFactory();
    }

    @AfterContainer
    static void stop() {
        System.out.println("GatewayFuzzIT: " + FUZZ);
        t.close();
    }

    @Property(tries = 400)
    void noInputGivesAServerError(@ForAll("requests") HttpFuzz.Req r) throws Exception {
        FUZZ.check(r, RawHttp.exchange(tls, t.gateway.port(), r.bytes()));
    }

    @Provide
    Arbitrary<HttpFuzz.Req> requests() {
        Tokens tokens = t.gateway.tokens();
        return HttpFuzz.requests(
                tokens.mint("fuzz-ent", Caller.Role.ENTERPRISE, List.of(HttpFuzz.SELLER), Duration.ofMinutes(50)),
                tokens.mint("fuzz-aud", Caller.Role.AUDITOR, List.of(), Duration.ofMinutes(50)));
    }
}
