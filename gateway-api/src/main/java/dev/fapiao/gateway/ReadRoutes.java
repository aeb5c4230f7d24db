package dev.fapiao.gateway;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.service.InvoiceService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * Reads of one invoice: {@code GET /v1/invoices/{id}} (record, anchor state, metadata),
 * {@code .../document} (the original, with ETag, If-None-Match and one byte range) and
 * {@code .../provenance} (ledger history and a recomputed verdict).
 */
final class ReadRoutes {

    private final Gateway gw;
    private final InvoiceService invoices;

    ReadRoutes(Gateway gw) {
        this.gw = gw;
        this.invoices = gw.invoices();
    }

    void invoice(RoutingContext ctx) {
        String id = InvoicePath.visibleId(ctx);
        gw.blocking(() -> Views.invoice(archived(id), invoices.anchorState(id), true))
                .onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    void provenance(RoutingContext ctx) {
        String id = InvoicePath.visibleId(ctx);
        Caller caller = Gateway.caller(ctx);
        gw.blocking(() -> invoices.provenance(id, caller.actingAs()))
                .onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private ArchivedInvoice archived(String id) {
        return invoices.get(id).orElseThrow(() -> ApiException.notFound("no archived invoice " + id));
    }

    /** An archived original, or (bytes null) the answer that the client's copy is current. */
    private record Doc(ArchivedInvoice inv, byte[] bytes, String etag) {}

    void document(RoutingContext ctx) {
        String id = InvoicePath.visibleId(ctx);
        String inm = ctx.request().getHeader("If-None-Match");
        gw.blocking(() -> {
            ArchivedInvoice inv = archived(id);
            if (inv.disposed()) {
                throw new ApiException(410, "disposed", "Gone", "invoice " + id + " was disposed at " + inv.disposedAt());
            }
            String etag = "\"" + inv.docHash() + "\"";
            if (inm != null && (inm.contains(etag) || inm.strip().equals("*"))) {
                return new Doc(inv, null, etag);
            }
            byte[] bytes = invoices.document(inv)
                    .orElseThrow(() -> new ApiException(410, "disposed", "Gone", "the document of " + id + " is not held"));
            return new Doc(inv, bytes, etag);
        }).onSuccess(d -> send(ctx, d)).onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, Doc d) {
        var res = ctx.response();
        res.putHeader("ETag", d.etag()).putHeader("Accept-Ranges", "bytes");
        if (d.bytes() == null) {
            res.setStatusCode(304).end();
            return;
        }
        res.putHeader("Content-Type", d.inv().contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + d.inv().invoiceId() + "\"");
        long len = d.bytes().length;
        ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), ctx.request().getHeader("If-Range"),
                d.etag(), len);
        if (range instanceof ByteRange.Unsatisfiable) {
            res.putHeader("Content-Range", "bytes */" + len);
            Problems.send(ctx, new ApiException(416, "range-not-satisfiable", "Range not satisfiable",
                    "the document has " + len + " bytes"));
        } else if (range instanceof ByteRange.Slice s) {
            res.setStatusCode(206).putHeader("Content-Range", s.contentRange(len))
                    .end(Buffer.buffer(Arrays.copyOfRange(d.bytes(), (int) s.start(), (int) s.end() + 1)));
        } else {
            res.setStatusCode(200).end(Buffer.buffer(d.bytes()));
        }
    }
}
