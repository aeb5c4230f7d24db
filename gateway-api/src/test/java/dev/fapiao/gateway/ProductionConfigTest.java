package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production profile loads, and requires signed requests; without a file (development) they are optional. */
class ProductionConfigTest {

    @Test
    void productionRequiresSignaturesDevelopmentDoesNot() {
        GatewayConfig.Loaded prod = GatewayConfig.load(TestGateway.repoRoot().resolve("gateway-api/config/production.yaml"), Map.of());
        assertEquals("required", prod.node().requestSignatures().mode());
        assertEquals(300, prod.node().requestSignatures().windowSeconds());
        assertEquals("optional", GatewayConfig.load(null, Map.of()).node().requestSignatures().mode());
    }
}
