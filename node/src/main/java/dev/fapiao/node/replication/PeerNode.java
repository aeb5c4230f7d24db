package dev.fapiao.node.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A {@link DocumentSource} over the node-to-node API of another member's node. The server's
 * certificate must be a current channel member's ({@link MemberTrust} in {@code tls}); that, not
 * the host name in the URL, is what identifies an organisation's node (Fabric identities carry no
 * addresses), so host-name verification is off. Connections are kept alive by the JDK's pool.
 */
public final class PeerNode implements DocumentSource {

    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final String url;
    private final SSLSocketFactory sockets;
    private final int timeoutMillis;
    private final String expectedMsp;
    private final MemberTrust members;

    /** A node at {@code url} that may be any current member's. */
    public PeerNode(String url, SSLContext tls, int timeoutMillis) {
        this(url, tls, timeoutMillis, null, null);
    }

    /**
     * A node at {@code url} whose server certificate must be one of {@code expectedMsp}'s ({@code members}
     * tells which member issued it); null = any member's. Another member answering at that address is
     * refused before anything it sends is read.
     */
    public PeerNode(String url, SSLContext tls, int timeoutMillis, String expectedMsp, MemberTrust members) {
        if (expectedMsp != null && members == null) {
            throw new IllegalArgumentException("an expected MSP needs the member trust to check it");
        }
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.sockets = tls.getSocketFactory();
        this.timeoutMillis = timeoutMillis;
        this.expectedMsp = expectedMsp;
        this.members = members;
    }

    @Override
    public String name() {
        return url;
    }

    @Override
    public Optional<Replica> fetch(String invoiceId) throws IOException {
        URI uri = URI.create(url + DocumentServer.INVOICES + URLEncoder.encode(invoiceId, StandardCharsets.UTF_8));
        HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
        c.setSSLSocketFactory(sockets);
        c.setHostnameVerifier((host, session) -> true);
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.connect();
        requireExpectedMember(c);
        int status = c.getResponseCode();
        if (status == HttpURLConnection.HTTP_NOT_FOUND) {
            drain(c.getErrorStream());
            return Optional.empty();
        }
        if (status != HttpURLConnection.HTTP_OK) {
            String detail = new String(read(c.getErrorStream()), StandardCharsets.UTF_8);
            throw new IOException(url + " answered " + status + ": " + detail);
        }
        try (InputStream in = c.getInputStream()) {
            return Optional.of(Replica.parse(read(in)));
        }
    }

    /** The server is the member this address was configured for (the handshake proved it is some member). */
    private void requireExpectedMember(HttpsURLConnection c) throws IOException {
        if (expectedMsp == null) {
            return;
        }
        Certificate[] chain = c.getServerCertificates();
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate x)) {
                c.disconnect();
                throw new PeerIdentityException(url, expectedMsp, "a non-X.509 certificate");
            }
            x509[i] = x;
        }
        String actual = members.memberOf(x509).orElse(null);
        if (!expectedMsp.equals(actual)) {
            c.disconnect();
            throw new PeerIdentityException(url, expectedMsp, actual == null ? "no member's identity"
                    : "an identity of " + actual + " (" + x509[0].getSubjectX500Principal().getName() + ")");
        }
    }

    /** The node at an address is not the member it was configured as: nothing it sends is read. */
    public static final class PeerIdentityException extends IOException {
        private static final long serialVersionUID = 1L;

        PeerIdentityException(String url, String expected, String actual) {
            super(url + " presents " + actual + ", expected an identity of " + expected);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IOException("response larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private static void drain(InputStream in) throws IOException {
        read(in);
    }
}
