package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.service.InvoiceService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /v1/invoices}: one issuer's invoices by CST issue date, a page at a time. */
final class SearchRoute {

    private final Gateway gw;
    private final InvoiceService invoices;

    SearchRoute(Gateway gw) {
        this.gw = gw;
        this.invoices = gw.invoices();
    }

    void handle(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        // an enterprise acting for one credit code may leave the issuer out
        String own = caller.role() == Caller.Role.ENTERPRISE && caller.codes().size() == 1
                ? caller.codes().iterator().next() : null;
        SearchQuery q = SearchQuery.parse(ctx.request()::getParam, own, invoices.anomalyCounts().keySet());
        if (!caller.actsFor(q.issuer())) {
            throw ApiException.forbidden("this token may not read invoices of issuer " + q.issuer());
        }
        gw.blocking(() -> {
            SearchPage page;
            try {
                page = invoices.search(q.issuer(), q.from(), q.to(), q.status(), q.flag(), q.cursor(), q.limit());
            } catch (IllegalArgumentException e) {
                throw ApiException.validation(List.of(new FieldError("cursor", "bad_value", "not a cursor from a previous page")));
            }
            ObjectNode out = Json.object();
            ArrayNode items = out.putArray("items");
            for (ArchivedInvoice i : page.items()) {
                items.add(Views.invoice(i, invoices.anchorState(i.invoiceId()), false));
            }
            out.put("nextCursor", page.nextCursor());
            return out;
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
