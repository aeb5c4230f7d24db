package dev.fapiao.gateway;

import dev.fapiao.node.invoice.CreditCode;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** The {@code :id} of {@code /v1/invoices/:id/...}: an invoice id the caller may see. */
final class InvoicePath {

    /** The shape of a unified social credit code (the check digit is {@code CreditCode.isValid}). */
    static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NP-RTUW-Y]{18}");
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
        if (!CreditCode.isValid(id.substring(0, 18))) {
            // the id's shape is right but its issuer part fails the check digit: no such invoice can exist
            throw ApiException.notFound("no invoice " + id + " (its first 18 characters are not a valid credit code)");
        }
        if (!caller.actsFor(id.substring(0, 18))) {
            throw ApiException.notFound("no archived invoice " + id);
        }
        ctx.put(Gateway.TARGET, id);
        return id;
    }
}
