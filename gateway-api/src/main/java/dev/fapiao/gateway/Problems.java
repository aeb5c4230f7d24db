package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.BackpressureException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.StorageFullException;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.TransitionRefusedException;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.service.DocumentMismatchException;
import dev.fapiao.node.service.DocumentRefusedException;
import dev.fapiao.node.service.DocumentTooLargeException;
import dev.fapiao.node.ledger.LedgerFailures;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into RFC 9457 problem responses. A user's mistake is never a 500. */
final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static ApiException of(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        t = LedgerFailures.translate(t);
        if (t instanceof ApiException a) {
            return a;
        }
        if (t instanceof ValidationException v) {
            return ApiException.validation(v.errors());
        }
        if (t instanceof DocumentMismatchException m) {
            return new ApiException(422, "document-mismatch", "Fields differ from the document", m.getMessage(),
                    m.mismatches().stream().map(x -> new FieldError("invoice." + x.field(), "document_mismatch",
                            "submitted " + x.submitted() + ", the document (" + x.source() + ") says " + x.document()))
                            .toList(), -1);
        }
        if (t instanceof DocumentRefusedException r) {
            return new ApiException(422, "document-refused", "Document refused", r.getMessage(), r.errors(), -1);
        }
        if (t instanceof DocumentTooLargeException d) {
            return new ApiException(413, "too-large", "Payload too large", d.getMessage());
        }
        if (t instanceof StorageFullException f) {
            return new ApiException(507, "storage-full", "Insufficient storage", f.getMessage(), null, 60);
        }
        if (t instanceof BackpressureException b) {
            return ApiException.unavailable("backpressure", b.getMessage(), 5);
        }
        if (t instanceof DisposalRefusedException d) {
            // the same answer as the chaincode's refusal of the same transition
            return illegalTransition(d.getMessage());
        }
        if (t instanceof TransitionRefusedException r) {
            return illegalTransition(r.getMessage());
        }
        if (t instanceof ConflictException c) {
            return new ApiException(409, "conflict", "Conflict", c.getMessage());
        }
        if (t instanceof UnknownInvoiceException u) {
            return ApiException.notFound(u.getMessage());
        }
        if (t instanceof ChaincodeRefusedException r) {
            return refusal(r.code(), r.getMessage());
        }
        if (t instanceof LedgerUnavailableException u) {
            log.warn("ledger unavailable: {}", u.getMessage());
            return u.txId() != null
                    ? ApiException.unavailable("ledger-commit-failed", "the ledger did not commit the transaction "
                            + u.txId() + "; retry", 2)
                    : ApiException.unavailable("ledger-unavailable", "the ledger is unavailable: " + u.getMessage(), 5);
        }
        if (t instanceof HttpException h) {
            return switch (h.getStatusCode()) {
                case 413 -> new ApiException(413, "too-large", "Payload too large", "the request body exceeds the limit");
                case 400 -> ApiException.badRequest(h.getPayload() != null ? h.getPayload() : "malformed request");
                case 401 -> ApiException.unauthorized("a valid bearer token is required");
                case 415 -> ApiException.unsupportedMediaType(h.getPayload() != null ? h.getPayload() : "unsupported media type");
                default -> new ApiException(h.getStatusCode(), "http-" + h.getStatusCode(), "HTTP " + h.getStatusCode(),
                        h.getPayload() != null ? h.getPayload() : "request failed");
            };
        }
        if (t instanceof dev.fapiao.node.service.RequestSignatureException r) {
            return (ApiException) SignatureCheck.problem(r);
        }
        if (t instanceof ConfigException c) {
            return ApiException.unavailable("not-configured", c.getMessage(), 60);
        }
        if (t instanceof CorruptedRecordException c) {
            // damage on this node's disk, not the caller's doing: reported, never served (restore from a backup)
            log.error("archive damage: {}", c.getMessage());
            return new ApiException(500, "archive-damaged", "Archive damaged",
                    "this node's stored copy failed its integrity check and is not served; the operator restores it");
        }
        log.error("internal error", t);
        return new ApiException(500, "internal", "Internal error", "an unexpected error occurred; see the gateway log");
    }

    /** The chaincode's final answer {@code code} (docs/ledger-model.md) as a problem. */
    private static ApiException refusal(String code, String message) {
        return switch (code) {
            case "INVALID_ARGUMENT" -> new ApiException(400, "ledger-invalid-argument", "Rejected by the ledger", message);
            case "INVALID_SIGNATURE" -> new ApiException(400, "ledger-invalid-signature", "Rejected by the ledger", message);
            case "NOT_FOUND" -> new ApiException(404, "not-found", "Not found", message);
            case "FORBIDDEN" -> new ApiException(403, "ledger-forbidden", "Refused by the ledger", message);
            case "ILLEGAL_TRANSITION" -> illegalTransition(message);
            default -> new ApiException(409, "conflict", "Conflict", message);
        };
    }

    /** 409: the invoice's state does not allow the transition (refused by the chaincode, the gateway or the archive). */
    static ApiException illegalTransition(String detail) {
        return new ApiException(409, "illegal-transition", "Transition refused", detail);
    }

    /** The problem's JSON members (RFC 9457): type, title, status, detail, and the field errors if any. */
    static ObjectNode body(ApiException p) {
        ObjectNode body = Json.object()
                .put("type", p.type())
                .put("title", p.title())
                .put("status", p.status())
                .put("detail", p.getMessage());
        if (!p.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (FieldError e : p.errors()) {
                errors.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
            }
        }
        return body;
    }

    public static void send(RoutingContext ctx, Throwable failure) {
        RequestIds.run(ctx, () -> {
            sendNow(ctx, failure);
            return null;
        });
    }

    private static void sendNow(RoutingContext ctx, Throwable failure) {
        ApiException p = of(failure);
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String id = RequestIds.of(ctx);
        ctx.response().headers().set(RequestIds.HEADER, id);
        ObjectNode body = body(p).put("instance", ctx.request().path()).put("requestId", id);
        if (p.retryAfter() >= 0) {
            ctx.response().putHeader("Retry-After", Long.toString(p.retryAfter()));
        }
        if (p.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"fapiao\"");
        }
        ctx.response().setStatusCode(p.status())
                .putHeader("Content-Type", "application/problem+json")
                .end(Json.text(body));
    }
}
