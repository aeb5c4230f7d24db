package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.invoice.Invoice;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An in-process gateway for integration tests: brings the Fabric network up with
 * {@code scripts/network.sh up} (a no-op when running), then starts the gateway on a free
 * port with its own data folder and node id, and an HTTPS client that trusts its dev cert.
 */
final class TestGateway implements AutoCloseable {

    final Gateway gateway;
    final HttpClient http;
    final String base;
    final Path dir;

    private TestGateway(Gateway gateway, HttpClient http, Path dir) {
        this.gateway = gateway;
        this.http = http;
        this.base = "https://127.0.0.1:" + gateway.port();
        this.dir = dir;
    }

    static Path repoRoot() {
        String root = System.getProperty("fapiao.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/network.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/network.sh)");
        }
        return p;
    }

    static synchronized void networkUp() throws IOException, InterruptedException {
        Path root = repoRoot();
        Process proc = new ProcessBuilder(root.resolve("scripts/network.sh").toString(), "up")
                .directory(root.toFile()).inheritIO().start();
        if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            throw new IllegalStateException("scripts/network.sh up failed");
        }
    }

    static TestGateway start(Map<String, String> extraEnv) throws Exception {
        networkUp();
        Path dir = Files.createTempDirectory("fapiao-gw-it");
        Map<String, String> env = new HashMap<>();
        env.put("FAPIAO_NODE_ID", "gw-it-" + Long.toHexString(System.nanoTime()));
        env.put("FAPIAO_NODE_DATA_DIR", dir.resolve("node").toString());
        env.put("FAPIAO_LEDGER_PROFILE", repoRoot().resolve("run/network/network.json").toString());
        env.put("FAPIAO_ANCHORING_BATCH_AGE_MILLIS", "50");
        env.put("FAPIAO_GATEWAY_PORT", "0");
        env.put("FAPIAO_GATEWAY_DATA_DIR", dir.resolve("gateway").toString());
        env.putAll(extraEnv);
        GatewayConfig.Loaded c = GatewayConfig.load(null, env);
        NodeConfig node = c.node();
        Gateway gw = Gateway.start(node, c.gateway(), Clock.systemUTC());
        return new TestGateway(gw, client(gw.certificate()), dir);
    }

    static HttpClient client(Path cert) throws Exception {
        return HttpClient.newBuilder().sslContext(sslContext(cert)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** TLS that trusts the gateway's development certificate. */
    static SSLContext sslContext(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends and reads the answer; {@code json} is the parsed body when it is JSON and not empty. */
    GatewayIT.Res call(HttpRequest.Builder b) throws Exception {
        HttpResponse<byte[]> r = send(b);
        String ct = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json = ct.contains("json") && r.body().length > 0 ? Json.MAPPER.readTree(r.body()) : null;
        return new GatewayIT.Res(r.statusCode(), json, r.body(), r);
    }

    GatewayIT.Res get(String path, String token) throws Exception {
        return call(request(path, token).GET());
    }

    GatewayIT.Res postJson(String path, String token, String body) throws Exception {
        return call(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    @Override
    public void close() {
        gateway.close();
    }

    /**
     * {@code n} new invoices of {@code seller}, each submitted with {@code wait=committed} (201), the first
     * one then delivered: three blocks of evidence for a proof. Returns the invoice ids, in order.
     */
    List<String> anchoredInvoices(String token, String seller, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Invoice inv = GatewayIT.invoice(seller);
            byte[] doc = GatewayIT.GEN.document(inv, 2_000, 3_000);
            GatewayIT.Res r = postJson("/v1/invoices?wait=committed&timeout=60s", token,
                    Json.text(GatewayIT.submission(inv, doc)));
            assertEquals(201, r.status(), () -> new String(r.body()));
            ids.add(inv.id().format());
        }
        GatewayIT.Res deliver = postJson("/v1/invoices/" + ids.get(0) + "/transitions", token,
                "{\"action\":\"DELIVER\",\"reason\":\"delivered to the buyer\"}");
        assertEquals(200, deliver.status(), () -> new String(deliver.body()));
        return ids;
    }
}
