package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's own settings: section {@code gateway} of the node's config file, over
 * the defaults in {@code gateway-defaults.yaml}, under environment variables
 * {@code FAPIAO_GATEWAY_<KEY>}. The rest of the file is the node's ({@link ConfigLoader}).
 */
public record GatewayConfig(
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
        long maxBodyBytes,
        int maxBatchItems,
        double rateLimitPerSecond,
        int rateLimitBurst,
        int maxWaitSeconds,
        int workerPoolSize) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Path dataPath() {
        return Path.of(dataDir);
    }

    public Path secretPath() {
        return jwtSecretFile.isBlank() ? dataPath().resolve("jwt-secret") : Path.of(jwtSecretFile);
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, dataDir, tls, tlsCert, tlsKey, jwtAlgorithm, jwtSecretFile,
                jwtPublicKey, jwtPrivateKey, jwtIssuer, maxBodyBytes, maxBatchItems, rateLimitPerSecond,
                rateLimitBurst, maxWaitSeconds, workerPoolSize);
    }

    /** Both configurations from one file (may be null) and the environment. */
    public record Loaded(NodeConfig node, GatewayConfig gateway) {}

    public static Loaded load(Path file, Map<String, String> env) {
        ObjectNode section = defaults();
        Path nodeFile = file;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            try {
                JsonNode tree = YAML.readTree(file.toFile());
                if (tree instanceof ObjectNode obj && obj.has("gateway")) {
                    JsonNode g = obj.remove("gateway");
                    if (!g.isObject()) {
                        throw new ConfigException("gateway: expected a section (mapping)");
                    }
                    g.fields().forEachRemaining(e -> {
                        if (!section.has(e.getKey())) {
                            throw new ConfigException("unknown configuration key 'gateway." + e.getKey() + "'");
                        }
                        section.set(e.getKey(), e.getValue());
                    });
                    // the node's loader refuses unknown sections: hand it the file without ours
                    nodeFile = Files.createTempFile("fapiao-node-config", ".yaml");
                    nodeFile.toFile().deleteOnExit();
                    YAML.writeValue(nodeFile.toFile(), obj);
                }
            } catch (IOException e) {
                throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
            }
        }
        List<String> keys = new ArrayList<>();
        section.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String v = env.get("FAPIAO_GATEWAY_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase());
            if (v != null) {
                section.set(key, TextNode.valueOf(v));
            }
        }
        GatewayConfig g;
        try {
            g = YAML.treeToValue(section, GatewayConfig.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName()).reduce((a, b) -> a + "." + b).orElse("");
            throw new ConfigException("gateway." + path + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("gateway: " + e.getMessage());
        }
        g.check();
        NodeConfig node = new ConfigLoader().load(nodeFile, env);
        return new Loaded(node, g);
    }

    private void check() {
        require(port >= 0 && port <= 65535, "port", "0..65535");
        require(!host.isBlank(), "host", "must not be empty");
        require(jwtAlgorithm.equals("HS256") || jwtAlgorithm.equals("ES256"), "jwtAlgorithm", "HS256 or ES256");
        require(!jwtAlgorithm.equals("ES256") || !jwtPublicKey.isBlank(), "jwtPublicKey", "required with ES256");
        require(tlsCert.isBlank() == tlsKey.isBlank(), "tlsCert", "set both tlsCert and tlsKey, or neither");
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

    private static ObjectNode defaults() {
        try (InputStream in = GatewayConfig.class.getResourceAsStream("/gateway-defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in).get("gateway");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("gateway-defaults.yaml missing from the classpath", e);
        }
    }
}
