package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.service.InvoiceService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * {@code GET /v1/audit}: the archive's audit trail as NDJSON (one entry a line, oldest first), a page
 * of at most {@code limit} entries; a full page continues with {@code cursor=<seq of its last line>}.
 * Auditors and operators see every entry; an enterprise only entries by itself (its token's subject
 * or credit codes) or about its invoices. Entries go out in chunks as they are read, written while
 * the connection keeps up: nothing holds the whole export.
 */
final class AuditRoute {

    static final String NDJSON = "application/x-ndjson";
    /** Bytes gathered before a write to the connection. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Gateway gw;
    private final InvoiceService invoices;

    AuditRoute(Gateway gw) {
        this.gw = gw;
        this.invoices = gw.invoices();
    }

    void handle(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        AuditQuery q = AuditQuery.parse(ctx.request()::getParam);
        Predicate<AuditEntry> visible = visibleTo(caller);
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", NDJSON);
        gw.blocking(ctx, () -> {
            StringBuilder chunk = new StringBuilder();
            invoices.exportAudit(q.cursor(), q.limit(), e -> q.matches(e) && visible.test(e), e -> {
                chunk.append(Json.text(line(e))).append('\n');
                if (chunk.length() >= CHUNK_BYTES) {
                    flush(res, chunk);
                }
            });
            flush(res, chunk);
            return null;
        }).onSuccess(v -> res.end()).onFailure(ctx::fail);
    }

    /** Writes the gathered lines; waits (on the worker) while the connection's write queue is full. */
    private static void flush(HttpServerResponse res, StringBuilder chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (res.closed()) {
            throw new IllegalStateException("the client closed the connection");
        }
        res.write(Buffer.buffer(chunk.toString().getBytes(StandardCharsets.UTF_8)));
        chunk.setLength(0);
        for (int i = 0; res.writeQueueFull() && !res.closed() && i < 60_000; i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Who sees what: the rule of the export, in one place. */
    static Predicate<AuditEntry> visibleTo(Caller caller) {
        if (caller.role() != Caller.Role.ENTERPRISE) {
            return e -> true;
        }
        String self = caller.actor();
        return e -> self.equals(e.actor()) || caller.codes().contains(e.actor())
                || (e.target() != null && caller.codes().stream().anyMatch(code ->
                        e.target().length() > code.length() && e.target().startsWith(code)));
    }

    static ObjectNode line(AuditEntry e) {
        ObjectNode n = Json.object().put("seq", e.seq()).put("time", e.time().toString());
        put(n, "actor", e.actor());
        put(n, "action", e.action());
        put(n, "target", e.target());
        put(n, "detail", e.detail());
        put(n, "requestId", e.requestId());
        put(n, "tokenId", e.tokenId());
        return n;
    }

    private static void put(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
