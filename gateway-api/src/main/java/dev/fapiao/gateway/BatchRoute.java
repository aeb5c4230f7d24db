package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.ValidSubmission;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/invoices:batch}: up to {@code maxBatchItems} submissions (a JSON {@code items} array or
 * binary frames, {@link SubmissionFrames}), each answered on its own
 * (status and receipt, or status and problem); the request itself is 200 unless it is malformed.
 */
final class BatchRoute {

    private final Gateway gw;
    private final InvoiceService invoices;
    private final SubmitRoute single;

    BatchRoute(Gateway gw, SubmitRoute single) {
        this.gw = gw;
        this.invoices = gw.invoices();
        this.single = single;
    }

    void handle(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        caller.require(Caller.Role.ENTERPRISE, Caller.Role.OPERATOR);
        boolean frames = Gateway.mediaType(ctx).equals(SubmissionFrames.MEDIA_TYPE);
        if (!frames) {
            Gateway.requireJson(ctx);
        }
        Buffer body = ctx.body().buffer();
        String signer = SubmitRoute.signerOwner(ctx);
        dev.fapiao.node.model.Origin origin = RequestIds.origin(ctx);
        gw.blocking(ctx, () -> {
            // an overloaded node answers 503 before parsing and sealing up to maxBatchItems invoices
            invoices.checkBacklog();
            int max = gw.config().maxBatchItems();
            List<SubmissionFrames.Frame> framed = frames ? SubmissionFrames.read(body, max) : null;
            JsonNode items = frames ? null : items(Json.parseBody(body == null ? null : body.getBytes()), max);
            int n = frames ? framed.size() : items.size();
            ObjectNode[] results = new ObjectNode[n];
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ObjectNode res = Json.object().put("index", i);
                results[i] = res;
                try {
                    ValidSubmission s = single.validated(frames ? SubmissionParser.frame(framed.get(i), "")
                            : SubmissionParser.json(items.get(i), ""));
                    res.put("invoiceId", s.invoiceId());
                    SubmitRoute.checkSeller(caller, signer, s);
                    pending.add(invoices.submit(s, origin).handle((r, e) -> {
                        if (e != null) {
                            problem(res, e);
                        } else {
                            res.put("status", r.existing() ? 200 : 202);
                            res.set("receipt", Views.receipt(r));
                        }
                        return null;
                    }));
                } catch (RuntimeException e) {
                    problem(res, e);
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            ObjectNode out = Json.object();
            ArrayNode arr = out.putArray("items");
            int ok = 0;
            for (ObjectNode r : results) {
                arr.add(r);
                if (r.path("status").asInt() < 300) {
                    ok++;
                }
            }
            out.put("accepted", ok).put("failed", n - ok);
            return out;
        }).onSuccess(out -> Gateway.json(ctx, 200, out)).onFailure(ctx::fail);
    }

    /** The {@code items} array of 1 to {@code max} submissions. */
    static JsonNode items(JsonNode root, int max) {
        JsonNode items = root.isObject() ? root.get("items") : null;
        if (items == null || !items.isArray()) {
            throw Json.fieldError("items", "required", "an array of submissions");
        }
        if (items.isEmpty() || items.size() > max) {
            throw Json.fieldError("items", items.isEmpty() ? "too_few" : "too_many", "1 to " + max + " items");
        }
        return items;
    }

    private static void problem(ObjectNode res, Throwable e) {
        ApiException p = Problems.of(e);
        res.put("status", p.status());
        res.set("problem", Problems.body(p));
    }
}
