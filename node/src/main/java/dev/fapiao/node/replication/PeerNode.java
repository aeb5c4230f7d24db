package dev.fapiao.node.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    public PeerNode(String url, SSLContext tls, int timeoutMillis) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.sockets = tls.getSocketFactory();
        this.timeoutMillis = timeoutMillis;
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
