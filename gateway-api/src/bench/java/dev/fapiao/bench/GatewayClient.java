package dev.fapiao.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import dev.fapiao.node.invoice.CanonicalJson;

/**
 * HTTPS client of the gateway (JDK {@link HttpClient}, HTTP/1.1 keep-alive: one connection per
 * concurrently sending thread), trusting only the gateway's certificate, with one bearer token.
 */
public final class GatewayClient {

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    public GatewayClient(URI base, Path caCert, String token) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.authorization = "Bearer " + token.strip();
    }

    /** Media type of the binary submission frames (docs/gateway.md). */
    public static final String FRAMES = "application/vnd.fapiao.submission-frames";

    /** POSTs the concatenation of {@code parts} (sent as they are, with a Content-Length, no copy). */
    public HttpResponse<byte[]> post(String path, List<byte[]> parts) throws IOException, InterruptedException {
        return post(path, "application/json", parts);
    }

    /** As above, with the body's {@code contentType}. */
    public HttpResponse<byte[]> post(String path, String contentType, List<byte[]> parts)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher[] publishers = new HttpRequest.BodyPublisher[parts.size()];
        for (int i = 0; i < publishers.length; i++) {
            publishers[i] = HttpRequest.BodyPublishers.ofByteArray(parts.get(i));
        }
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.concat(publishers)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The head of the submission's binary frame: u32 metadata length, the metadata
     * {@code {invoice, contentType}}, u32 document length (the document follows it).
     */
    public static byte[] frameHead(GeneratedInvoice g) {
        byte[] meta = ("{\"invoice\":" + new String(CanonicalJson.of(g.invoice()), StandardCharsets.UTF_8)
                + ",\"contentType\":\"application/xml\"}").getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(8 + meta.length).putInt(meta.length).put(meta)
                .putInt(g.document().length).array();
    }

    /** The submission JSON {@code {invoice, document (base64), contentType}}. */
    public static String submission(GeneratedInvoice g) {
        return "{\"invoice\":" + new String(CanonicalJson.of(g.invoice()), StandardCharsets.UTF_8)
                + ",\"document\":\"" + Base64.getEncoder().encodeToString(g.document())
                + "\",\"contentType\":\"application/xml\"}";
    }
}
