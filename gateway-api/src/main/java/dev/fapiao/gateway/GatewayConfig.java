package dev.fapiao.gateway;

import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's own settings: section {@code gateway} of the node's config file, over
 * the defaults in {@code gateway-defaults.yaml}, under environment variables
 * {@code FAPIAO_GATEWAY_<KEY>}. The rest of the file is the node's ({@link ConfigLoader}).
 */
record GatewayConfig(
        String host,
        int port,
        String dataDir,
        boolean tls,
        String tlsCert,
        String tlsKey,
        String jwtAlgorithm,
        String jwtSecretFile,
        String jwtPublicKey,
        String jwtPrivateKey,
        String jwtIssuer,
        long jwtMaxLifetimeSeconds,
        long maxBodyBytes,
        int maxBatchItems,
        double rateLimitPerSecond,
        int rateLimitBurst,
        double addressRateLimitPerSecond,
        int addressRateLimitBurst,
        int maxWaitSeconds,
        int workerPoolSize) {

    public Path dataPath() {
        return Path.of(dataDir);
    }

    public Path secretPath() {
        return jwtSecretFile.isBlank() ? dataPath().resolve("jwt-secret") : Path.of(jwtSecretFile);
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, dataDir, tls, tlsCert, tlsKey, jwtAlgorithm, jwtSecretFile,
                jwtPublicKey, jwtPrivateKey, jwtIssuer, jwtMaxLifetimeSeconds, maxBodyBytes, maxBatchItems,
                rateLimitPerSecond, rateLimitBurst, addressRateLimitPerSecond, addressRateLimitBurst, maxWaitSeconds,
                workerPoolSize);
    }

    /** Both configurations from one file (may be null) and the environment. */
    public record Loaded(NodeConfig node, GatewayConfig gateway) {}

    public static Loaded load(Path file, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader();
        GatewayConfig g = loader.section(file, env, "gateway", "/gateway-defaults.yaml", GatewayConfig.class);
        g.check();
        return new Loaded(loader.load(file, env, Set.of("gateway")), g);
    }

    private void check() {
        require(port >= 0 && port <= 65535, "port", "0..65535");
        require(!host.isBlank(), "host", "must not be empty");
        require(jwtAlgorithm.equals("HS256") || jwtAlgorithm.equals("ES256"), "jwtAlgorithm", "HS256 or ES256");
        require(!jwtAlgorithm.equals("ES256") || !jwtPublicKey.isBlank(), "jwtPublicKey", "required with ES256");
        require(tlsCert.isBlank() == tlsKey.isBlank(), "tlsCert", "set both tlsCert and tlsKey, or neither");
        require(jwtMaxLifetimeSeconds >= 60 && jwtMaxLifetimeSeconds <= 86_400 * 30, "jwtMaxLifetimeSeconds",
                "60..2592000");
        require(addressRateLimitPerSecond > 0, "addressRateLimitPerSecond", "must be positive");
        require(addressRateLimitBurst >= 1, "addressRateLimitBurst", "at least 1");
        require(maxBodyBytes >= 1024, "maxBodyBytes", "at least 1024");
        require(maxBatchItems >= 1 && maxBatchItems <= 10_000, "maxBatchItems", "1..10000");
        require(rateLimitPerSecond > 0, "rateLimitPerSecond", "must be positive");
        require(rateLimitBurst >= 1, "rateLimitBurst", "at least 1");
        require(maxWaitSeconds >= 0 && maxWaitSeconds <= 600, "maxWaitSeconds", "0..600");
        require(workerPoolSize >= 1, "workerPoolSize", "at least 1");
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new ConfigException("gateway." + key + ": " + message);
        }
    }
}
