package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.Transition;
import dev.fapiao.node.service.TransitionResult;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/invoices/{id}/transitions}: deliver, accept, red-letter reversal and disposal by
 * the invoice's enterprise, legal holds by auditors. The service commits it on the ledger as the
 * caller's organisation and applies it locally.
 */
final class TransitionRoute {

    private final Gateway gw;
    private final InvoiceService invoices;

    TransitionRoute(Gateway gw) {
        this.gw = gw;
        this.invoices = gw.invoices();
    }

    void handle(RoutingContext ctx) {
        String id = InvoicePath.visibleId(ctx);
        Caller caller = Gateway.caller(ctx);
        SignatureCheck.requireOwnKey(SubmitRoute.signerOwner(ctx), id.substring(0, 18), "issuer");
        Gateway.requireJson(ctx);
        byte[] body = Gateway.body(ctx);
        dev.fapiao.node.model.Origin origin = RequestIds.origin(ctx);
        gw.blocking(ctx, () -> {
            Transition t = TransitionBody.parse(id, Json.parseBody(body));
            if (t.action().byAuditor() != (caller.role() == Caller.Role.AUDITOR)) {
                throw ApiException.forbidden(t.action().byAuditor()
                        ? "legal holds are set by auditors (TaxAuthorityMSP) only"
                        : "role " + caller.role().claim() + " may not " + t.action());
            }
            return view(invoices.transition(t, caller.actingAs(), caller.actor(), origin));
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    private static ObjectNode view(TransitionResult r) {
        ObjectNode out = Json.object().put("invoiceId", r.transition().invoiceId())
                .put("action", r.transition().action().name())
                .put("txId", r.txId()).put("blockNumber", r.blockNumber())
                .put("status", r.status()).put("legalHold", r.legalHold());
        out.set("ledgerRecord", r.ledgerRecord());
        return out;
    }
}
