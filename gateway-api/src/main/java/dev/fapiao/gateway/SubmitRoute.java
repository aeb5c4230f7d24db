package dev.fapiao.gateway;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.Submission;
import dev.fapiao.node.service.ValidSubmission;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /v1/invoices} (JSON, multipart or one binary frame), optionally {@code ?wait=committed}: 201 anchored,
 * 202 archived and queued, 200 an identical resubmission. Parsing, sealing and RocksDB run on the
 * worker pool; the wait polls without holding a worker.
 */
final class SubmitRoute {

    private static final long POLL_MILLIS = 100;

    private final Gateway gw;
    private final InvoiceService invoices;

    SubmitRoute(Gateway gw) {
        this.gw = gw;
        this.invoices = gw.invoices();
    }

    void handle(RoutingContext ctx) {
        Caller caller = Gateway.caller(ctx);
        caller.require(Caller.Role.ENTERPRISE, Caller.Role.OPERATOR);
        Duration wait = WaitParam.parse(ctx.request().getParam("wait"), ctx.request().getParam("timeout"),
                Duration.ofSeconds(gw.config().maxWaitSeconds()));
        String mt = Gateway.mediaType(ctx);
        Context context = ctx.vertx().getOrCreateContext();
        Future<ValidSubmission> parsed;
        if (mt.equals("application/json")) {
            byte[] body = Gateway.body(ctx);
            parsed = gw.blocking(() -> validated(SubmissionParser.json(Json.parseBody(body))));
        } else if (mt.equals("multipart/form-data")) {
            parsed = gw.blocking(() -> validated(multipart(ctx)));
        } else if (mt.equals(SubmissionFrames.MEDIA_TYPE)) {
            var body = ctx.body().buffer();
            parsed = gw.blocking(() -> validated(SubmissionParser.frame(SubmissionFrames.read(body, 1).get(0), "")));
        } else {
            throw ApiException.unsupportedMediaType("send application/json, multipart/form-data or "
                    + SubmissionFrames.MEDIA_TYPE + ", not '" + mt + "'");
        }
        parsed.compose(valid -> {
                    ctx.put(Gateway.TARGET, valid.invoiceId());
                    try {
                        checkSeller(caller, signerOwner(ctx), valid);
                    } catch (ApiException e) {
                        return Future.failedFuture(e);
                    }
                    dev.fapiao.node.model.Origin origin = RequestIds.origin(ctx);
                    return gw.blocking(ctx, () -> invoices.submit(valid, origin))
                            .compose(f -> Future.fromCompletionStage(f, context));
                })
                .compose(r -> wait == null ? Future.succeededFuture(r) : awaitAnchored(r, wait))
                .onSuccess(r -> {
                    int status = r.existing() ? 200 : r.anchor().phase() == AnchorState.Phase.ANCHORED ? 201 : 202;
                    ctx.response().putHeader("Location", "/v1/invoices/" + r.invoice().invoiceId());
                    Gateway.json(ctx, status, Views.receipt(r));
                })
                .onFailure(ctx::fail);
    }

    /** Validated once, here; invoice fields named as in the request. */
    ValidSubmission validated(Submission s) {
        return SubmissionParser.named(() -> invoices.validate(s));
    }

    /** The credit code owning the enterprise key that signed the request (null: unsigned, or not an enterprise key). */
    static String signerOwner(RoutingContext ctx) {
        dev.fapiao.node.service.RequestSignatures.SignedBy s = ctx.get(SignatureCheck.SIGNED_BY);
        return s == null ? null : s.ownerCode();
    }

    /**
     * The token acts for the seller, and an enterprise key that signed the request is the seller's own
     * ({@code signer}: its owner's credit code, null when unsigned or signed by an operator's key).
     */
    static void checkSeller(Caller caller, String signer, ValidSubmission valid) {
        if (!caller.actsFor(valid.seller())) {
            throw ApiException.forbidden("this token may not submit invoices of seller " + valid.seller());
        }
        SignatureCheck.requireOwnKey(signer, valid.seller(), "seller");
    }

    static Submission multipart(RoutingContext ctx) throws IOException {
        List<SubmissionParser.Part> parts = ctx.fileUploads().stream()
                .map(u -> new SubmissionParser.Part(u.name(), u.contentType(), () -> read(u)))
                .toList();
        return SubmissionParser.multipart(parts, ctx.request().getFormAttribute("invoice"),
                ctx.request().getFormAttribute("contentType"), ctx.request().getFormAttribute("opaqueDocument"));
    }

    private static byte[] read(FileUpload u) throws IOException {
        return Files.readAllBytes(Path.of(u.uploadedFileName()));
    }

    /** Waits (polling the archive every 100 ms) until the invoice is anchored or {@code max} passed. */
    private Future<Receipt> awaitAnchored(Receipt r, Duration max) {
        if (r.anchor().phase() == AnchorState.Phase.ANCHORED) {
            return Future.succeededFuture(r);
        }
        Promise<Receipt> p = Promise.promise();
        poll(r, System.nanoTime() + max.toNanos(), p);
        return p.future();
    }

    private void poll(Receipt r, long deadline, Promise<Receipt> p) {
        gw.blocking(() -> invoices.anchorState(r.invoice().invoiceId())).onComplete(ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
                return;
            }
            AnchorState s = ar.result();
            if (s.phase() == AnchorState.Phase.ANCHORED || System.nanoTime() > deadline) {
                p.complete(new Receipt(r.invoice(), s, r.existing()));
            } else {
                gw.vertx().setTimer(POLL_MILLIS, t -> poll(r, deadline, p));
            }
        });
    }
}
