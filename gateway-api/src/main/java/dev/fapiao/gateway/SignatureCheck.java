package dev.fapiao.gateway;

import dev.fapiao.node.service.ActingAs;
import dev.fapiao.node.service.RequestSignatureException;
import dev.fapiao.node.service.RequestSignatures;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The signed-request step of the pipeline (docs/gateway.md, "Signed requests"): the body of a
 * state-changing {@code /v1} request is hashed while it streams ({@link DigestingRequest}); after
 * it is read, and before any route runs, {@link RequestSignatures#check} verifies the SM2 signature
 * and records the nonce. Bearer-only requests pass only when the mode is not {@code required}.
 */
final class SignatureCheck {

    static final String SIGNED_BY = "fapiao.signedBy";
    private static final String DIGEST = "fapiao.bodyDigest";
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final RequestSignatures signatures;
    /** The digest of the request the router is handling on this thread, until its first handler takes it. */
    private final ThreadLocal<RequestSignatures.BodyDigest> handing = new ThreadLocal<>();

    SignatureCheck(RequestSignatures signatures) {
        this.signatures = signatures;
    }

    /** {@code POST /v1/proofs:verify} only computes an answer: replaying it gains nothing, so it is not signed. */
    private static final Set<String> READ_ONLY_POSTS = Set.of("/v1/proofs:verify");

    static boolean stateChanging(HttpMethod m, String path) {
        return STATE_CHANGING.contains(m) && !READ_ONLY_POSTS.contains(path);
    }

    /**
     * Wraps what the router sees, so the body of a request that will be checked is hashed as it arrives.
     * In {@code optional} mode an unsigned request is not hashed: it would only be passed (profiled: the
     * SM3 of every unsigned batch was 2.7-9 % of the gateway's CPU).
     */
    void handle(Router router, HttpServerRequest req) {
        String path = req.path();
        if (signatures.mode() == RequestSignatures.Mode.OFF || path == null || !path.startsWith("/v1/")
                || !stateChanging(req.method(), path) || !(req instanceof HttpServerRequestInternal internal)
                || (signatures.mode() == RequestSignatures.Mode.OPTIONAL && !headers(req).any())) {
            router.handle(req);
            return;
        }
        RequestSignatures.BodyDigest digest = signatures.newBodyDigest();
        handing.set(digest);
        try {
            router.handle(new DigestingRequest(internal, digest));
        } finally {
            handing.remove();
        }
    }

    /** The router's first handler (it runs within {@link #handle}): the digest moves into the context. */
    void attach(RoutingContext ctx) {
        RequestSignatures.BodyDigest d = handing.get();
        if (d != null) {
            handing.remove();
            ctx.put(DIGEST, d);
        }
        ctx.next();
    }

    /** After the body is read: verify (on a worker: ledger read, RocksDB write), then continue. */
    void check(RoutingContext ctx, Handler<Throwable> refuse) {
        HttpServerRequest req = ctx.request();
        if (signatures.mode() == RequestSignatures.Mode.OFF || !stateChanging(req.method(), req.path())) {
            ctx.next();
            return;
        }
        RequestSignatures.Headers headers = headers(req);
        if (!headers.any() && signatures.mode() == RequestSignatures.Mode.OPTIONAL) {
            ctx.next();
            return;
        }
        RequestSignatures.BodyDigest digest = ctx.get(DIGEST);
        String target = req.uri();
        if (target == null || !target.startsWith("/")) {
            refuse.handle(refused("the request target must be in origin form (/path?query) for a signed request"));
            return;
        }
        if (digest == null) { // not wrapped (an unusual request object): refuse rather than guess the bytes
            refuse.handle(refused("the body of this request could not be hashed as received"));
            return;
        }
        String bodySm3 = digest.hex();
        Caller caller = Gateway.caller(ctx);
        RequestSignatures.Claimant claimant = new RequestSignatures.Claimant(
                ActingAs.valueOf(caller.role().name()), caller.codes());
        String method = req.method().name();
        ctx.vertx().executeBlocking(() -> signatures.check(method, target, bodySm3, headers, claimant), false)
                .onSuccess(signedBy -> {
                    ctx.put(SIGNED_BY, signedBy);
                    ctx.next();
                })
                .onFailure(e -> refuse.handle(problem(e)));
    }

    private static RequestSignatures.Headers headers(HttpServerRequest req) {
        return new RequestSignatures.Headers(req.getHeader("Fapiao-Signature"), req.getHeader("Fapiao-Timestamp"),
                req.getHeader("Fapiao-Nonce"), req.getHeader("Fapiao-Key-Id"));
    }

    /**
     * An enterprise key signs only for its owner: the seller of a submission, the issuer of the invoice a
     * transition changes. {@code signer} is the signing key's owner (null: unsigned or an operator's/auditor's key).
     */
    static void requireOwnKey(String signer, String code, String role) {
        if (signer != null && !signer.equals(code)) {
            throw ApiException.forbidden("the request is signed by a key of " + signer + ", not of the " + role
                    + " " + code);
        }
    }

    private static ApiException refused(String detail) {
        return new ApiException(401, "bad-signature", "Request signature refused", detail);
    }

    static Throwable problem(Throwable e) {
        if (e instanceof RequestSignatureException r) {
            return new ApiException(r.status(), r.type(), r.status() == 503 ? "Replay store full"
                    : "Request signature refused", r.getMessage(), null, r.status() == 503 ? 60 : -1);
        }
        return e;
    }
}
