package dev.fapiao.gateway;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** The {@code :id} of {@code /v1/invoices/:id/...}: an invoice id the caller may see. */
final class InvoicePath {

    static final Pattern INVOICE_ID = Pattern.compile("[0-9A-HJ-NP-RTUW-Y]{18}[0-9]{20}");

    private InvoicePath() {
    }

    /** The invoice id from the path; another enterprise's invoice is reported as not found. */
    static String visibleId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Caller caller = Gateway.caller(ctx);
        if (id == null || !INVOICE_ID.matcher(id).matches()) {
            throw ApiException.notFound("no invoice " + id + " (an invoice id is 18 + 20 characters)");
        }
        if (!caller.actsFor(id.substring(0, 18))) {
            throw ApiException.notFound("no archived invoice " + id);
        }
        ctx.put(Gateway.TARGET, id);
        return id;
    }
}
