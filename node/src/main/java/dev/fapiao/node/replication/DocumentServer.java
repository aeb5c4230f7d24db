package dev.fapiao.node.replication;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-to-node document API, served to the channel's current members only (mutual TLS,
 * {@link MemberTrust}; a non-member fails the handshake, and a session whose member left since is
 * answered 403):
 * <pre>
 * GET /n2n/v1/invoices/{invoiceId}   200 application/json: the {@link Replica} (record, seals, document)
 * GET /n2n/v1/documents/{docHash}    200 application/octet-stream: the document bytes
 * </pre>
 * 404 when this archive does not hold it (or only its tombstone); errors are problem+json. The
 * archive re-verifies every document on read, so this node never serves bytes it stored otherwise.
 */
public final class DocumentServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentServer.class);
    static final String INVOICES = "/n2n/v1/invoices/";
    static final String DOCUMENTS = "/n2n/v1/documents/";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z._-]{1,128}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final InvoiceStore invoices;
    private final DocumentStore documents;
    private final MemberTrust members;
    private final HttpsServer server;
    private final ExecutorService workers;
    private final AtomicLong served = new AtomicLong();

    private DocumentServer(InvoiceStore invoices, DocumentStore documents, MemberTrust members, HttpsServer server,
                           ExecutorService workers) {
        this.invoices = invoices;
        this.documents = documents;
        this.members = members;
        this.server = server;
        this.workers = workers;
    }

    /** Listens on {@code host:port} (port 0: any free port) until closed. */
    public static DocumentServer start(InvoiceStore invoices, DocumentStore documents, SSLContext tls,
                                       MemberTrust members, String host, int port) throws IOException {
        HttpsServer http = HttpsServer.create(new InetSocketAddress(host, port), 64);
        http.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                p.setProtocols(new String[] {NodeTls.PROTOCOL});
                params.setSSLParameters(p);
            }
        });
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "n2n-documents");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        DocumentServer s = new DocumentServer(invoices, documents, members, http, workers);
        http.createContext("/n2n/v1/", s::handle);
        http.start();
        log.info("node-to-node document API on https://{}:{} for members {}", host, s.port(), members.memberMsps());
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Invoices and documents served since start. */
    public long served() {
        return served.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (CorruptedRecordException e) {
            log.error("refusing to serve a damaged record: {}", e.getMessage());
            problem(ex, 503, "the record is damaged in this archive; ask another node");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        {
            Optional<String> caller = caller((HttpsExchange) ex);
            if (caller.isEmpty()) {
                problem(ex, 403, "not a current channel member");
                return;
            }
            if (!ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().add("Allow", "GET");
                problem(ex, 405, "only GET");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.startsWith(INVOICES) && ID.matcher(path.substring(INVOICES.length())).matches()) {
                invoice(ex, path.substring(INVOICES.length()), caller.get());
            } else if (path.startsWith(DOCUMENTS) && HASH.matcher(path.substring(DOCUMENTS.length())).matches()) {
                Optional<byte[]> doc = documents.document(path.substring(DOCUMENTS.length()));
                if (doc.isEmpty()) {
                    problem(ex, 404, "no such document");
                } else {
                    send(ex, "application/octet-stream", doc.get());
                }
            } else {
                problem(ex, 404, "no such resource");
            }
        }
    }

    private void invoice(HttpExchange ex, String id, String caller) throws IOException {
        Optional<ArchivedInvoice> inv = invoices.get(id);
        Optional<byte[]> doc = inv.filter(i -> !i.disposed()).flatMap(i -> documents.document(i.docHash()));
        if (doc.isEmpty()) {
            problem(ex, 404, "this node holds no document for " + id);
            return;
        }
        log.debug("serving {} to {}", id, caller);
        send(ex, "application/json", new Replica(inv.get(), doc.get()).toJson());
    }

    private Optional<String> caller(HttpsExchange ex) {
        try {
            Certificate[] chain = ex.getSSLSession().getPeerCertificates();
            return members.memberOf(Arrays.copyOf(chain, chain.length, X509Certificate[].class));
        } catch (SSLPeerUnverifiedException | ArrayStoreException e) {
            return Optional.empty();
        }
    }

    private void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        served.incrementAndGet();
    }

    private static void problem(HttpExchange ex, int status, String detail) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
