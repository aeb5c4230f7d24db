package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.invoice.CreditCode;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.service.SignerService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The signer registry: operators register, rotate and revoke keys (as the Admin of the node's MSP). */
final class SignerRoutes {

    private final Gateway gw;
    private final SignerService signers;

    SignerRoutes(Gateway gw) {
        this.gw = gw;
        this.signers = gw.signers();
    }

    void change(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        caller.require(Caller.Role.OPERATOR);
        Gateway.requireJson(ctx);
        byte[] body = Gateway.body(ctx);
        gw.blocking(() -> {
            JsonNode req = Json.parseBody(body);
            if (!req.isObject()) {
                throw Json.fieldError("", "wrong_type", "expected a JSON object");
            }
            ObjectNode args = ((ObjectNode) req).deepCopy();
            JsonNode op = args.remove("operation");
            String operation = op != null && op.isTextual() ? op.asText() : "";
            switch (operation) {
                case "register" -> {
                    ctx.put(Gateway.TARGET, args.path("ownerCode").asText("signer"));
                    return signers.register(args);
                }
                case "rotate" -> {
                    ctx.put(Gateway.TARGET, args.path("keyId").asText("signer"));
                    return signers.rotate(args);
                }
                case "revoke" -> {
                    for (String f : List.of("keyId", "revokedAt", "reason")) {
                        if (!args.path(f).isTextual() || args.get(f).asText().isBlank()) {
                            throw Json.fieldError(f, "required", "revoke needs keyId, revokedAt and reason");
                        }
                    }
                    ctx.put(Gateway.TARGET, args.get("keyId").asText());
                    return signers.revoke(args.get("keyId").asText(), args.get("revokedAt").asText(),
                            args.get("reason").asText());
                }
                default -> throw Json.fieldError("operation", op == null ? "required" : "bad_value",
                        "one of register, rotate, revoke");
            }
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }

    void byOwner(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        String code = ctx.pathParam("creditCode");
        if (code == null || !InvoicePath.CREDIT_CODE.matcher(code).matches()) {
            throw ApiException.validation(List.of(new FieldError("creditCode", "bad_format",
                    "18 characters of 0-9 and A-Y without I, O, S, V, Z")));
        }
        if (!CreditCode.isValid(code)) {
            // well formed but the check digit fails: nobody's code, so no signer can be registered for it
            throw ApiException.notFound("no signers for " + code + ": not a valid unified social credit code");
        }
        if (!caller.actsFor(code)) {
            throw ApiException.forbidden("this token may not read the signers of " + code);
        }
        gw.blocking(() -> {
            ObjectNode out = Json.object().put("ownerCode", code);
            out.set("signers", signers.byOwner(code, caller.actingAs()));
            return out;
        }).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
    }
}
