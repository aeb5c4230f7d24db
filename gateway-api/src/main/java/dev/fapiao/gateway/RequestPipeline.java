package dev.fapiao.gateway;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import dev.fapiao.node.service.RequestSignatures;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What every request passes before a route sees it, in this order: security headers (set by the
 * server's handler, {@link #requestHandler}, so no answer lacks them); for
 * {@code /v1}, the bearer token (verified before one byte of the body is read or an upload
 * written to disk) and the caller's rate limit; then the body, within its limits; then, for
 * state-changing requests, the SM2 request signature and its nonce ({@link SignatureCheck}). Traffic without
 * a valid token, and the public routes, are counted per client address instead. Requests Netty
 * refuses before routing (URI or headers too large, a malformed request line) get the same
 * problem+json and headers as everything else ({@link #invalidRequest}).
 */
final class RequestPipeline {

    /** Longest request line (method, URI, version); longer is 414. */
    static final int MAX_INITIAL_LINE = 8192;
    /** All header lines together; more is 431. */
    static final int MAX_HEADER_BYTES = 16384;
    /** Multipart fields and parts per request; a submission has at most four. */
    static final int MAX_FORM_FIELDS = 32;
    /** TLS 1.3 suites (all AEAD) and the TLS 1.2 ECDHE AEAD suites; nothing else is enabled. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final String READING_BODY = "fapiao.readingBody";

    private final GatewayConfig config;
    private final Tokens tokens;
    private final RateLimiter callers;
    private final RateLimiter addresses;
    private final LongSupplier nanos;
    private final SignatureCheck signatures;
    private final LingeringClose lingering;

    RequestPipeline(GatewayConfig config, Tokens tokens, RequestSignatures signatures, LongSupplier nanos) {
        this.config = config;
        this.tokens = tokens;
        this.signatures = new SignatureCheck(signatures);
        this.callers = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst());
        this.addresses = new RateLimiter(config.addressRateLimitPerSecond(), config.addressRateLimitBurst());
        this.nanos = nanos;
        this.lingering = LingeringClose.forBodyLimit(config.maxBodyBytes());
    }

    /**
     * The server's options: request-line, header and form limits, and TLS restricted to 1.2/1.3 with
     * AEAD ECDHE suites. Client-initiated renegotiation is refused JVM-wide (TLS 1.2; 1.3 has none).
     */
    static HttpServerOptions serverOptions(GatewayConfig config, Path cert, Path key) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxFormAttributeSize(8 * 1024 * 1024)
                .setMaxFormFields(MAX_FORM_FIELDS)
                .setMaxFormBufferedBytes(1024 * 1024);
        if (config.tls()) {
            System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()))
                    .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
            CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        }
        return options;
    }

    /** Installs the pipeline in front of the routes (call before adding them). */
    void install(Router r, String uploads) {
        r.route().handler(RequestIds::assign);
        r.route().handler(signatures::attach);
        r.route().handler(this::publicLimit);
        r.route("/v1/*").handler(this::authenticate);
        r.route("/v1/*").handler(ctx -> {
            ctx.put(READING_BODY, Boolean.TRUE);
            ctx.next();
        });
        r.route("/v1/*").handler(BodyHandler.create(uploads)
                .setBodyLimit(config.maxBodyBytes())
                .setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(false));
        r.route("/v1/*").handler(ctx -> {
            ctx.remove(READING_BODY);
            RequestIds.scope(ctx); // the body arrived on a later callback: the id goes into the MDC again
        });
        // the body is read, nothing has acted yet: signature, window and nonce (docs/gateway.md)
        r.route("/v1/*").handler(ctx -> signatures.check(ctx, failure -> refuse(ctx, failure)));
    }

    /** Installs the failure and 404/405 handlers behind the routes (call after adding them). */
    void finish(Router r) {
        r.route().failureHandler(ctx -> {
            Throwable failure = ctx.failure() != null ? ctx.failure() : statusProblem(ctx.statusCode());
            refuse(ctx, ctx.get(READING_BODY) != null ? bodyProblem(failure) : failure);
        });
        // the router's own answers: a target it cannot decode, no route, no method
        r.errorHandler(400, ctx -> routerProblem(ctx, ctx.failure() instanceof ApiException a ? a
                : ApiException.badRequest("malformed request target (path or query)")));
        // a known path with another method (TRACE, OPTIONS, anything) is 405 with Allow (RFC 9110 §15.5.6),
        // also when a method-less handler (the console's static files, the /v1 pipeline) matched first
        r.errorHandler(404, ctx -> noRoute(r, ctx));
        r.errorHandler(405, ctx -> noRoute(r, ctx));
        r.errorHandler(500, ctx -> routerProblem(ctx, ctx.failure() != null ? ctx.failure() : statusProblem(500)));
    }

    private void routerProblem(RoutingContext ctx, Throwable failure) {
        refuse(ctx, failure);
    }

    private void noRoute(Router r, RoutingContext ctx) {
        String path = ctx.request().path();
        String allow = allowed(r, path == null ? "" : path);
        if (allow.isEmpty()) {
            refuse(ctx, ApiException.notFound("no such resource: " + ctx.request().method() + " " + path));
            return;
        }
        ctx.response().putHeader("Allow", allow);
        refuse(ctx, new ApiException(405, "method-not-allowed", "Method not allowed",
                ctx.request().method() + " is not allowed on " + path + "; allowed: " + allow));
    }

    /** The methods the router's routes accept on {@code path}, comma-separated ("" when none). */
    static String allowed(Router r, String path) {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (var route : r.getRoutes()) {
            String template = route.isRegexPath() ? route.getName() : route.getPath();
            if (template == null || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            if (template(template).matcher(path).matches()) {
                route.methods().forEach(m -> methods.add(m.name()));
            }
        }
        return String.join(", ", methods);
    }

    /** "/v1/invoices/:id/document" as a pattern: literal text, each ":param" one path segment. */
    private static java.util.regex.Pattern template(String template) {
        StringBuilder re = new StringBuilder();
        for (String part : template.split("(?=/)")) {
            re.append(part.startsWith("/:") ? "/[^/]+" : java.util.regex.Pattern.quote(part));
        }
        return java.util.regex.Pattern.compile(re.toString());
    }

    private static ApiException statusProblem(int status) {
        return switch (status) {
            case 413 -> new ApiException(413, "too-large", "Payload too large", "the request body exceeds the limit");
            case 404 -> ApiException.notFound("no such resource");
            case 401 -> ApiException.unauthorized("a valid bearer token is required");
            case 415 -> ApiException.unsupportedMediaType("unsupported media type");
            default -> status >= 400 && status < 500
                    ? new ApiException(status, "http-" + status, "HTTP " + status, "request refused")
                    : new ApiException(500, "internal", "Internal error", "an unexpected error occurred");
        };
    }

    /**
     * A failure while the body was decoded is the sender's: Netty's multipart decoder throws plain
     * runtime exceptions (an empty part name, a truncated part), which would otherwise read as 500.
     */
    static ApiException bodyProblem(Throwable failure) {
        if (failure instanceof ApiException a) {
            return a;
        }
        if (failure instanceof HttpException h && h.getStatusCode() < 500) {
            return Problems.of(h);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("TooManyFormFieldsException") || name.equals("TooLongFormFieldException")) {
                return new ApiException(413, "too-large", "Payload too large",
                        "at most " + MAX_FORM_FIELDS + " multipart fields, each within the size limit");
            }
        }
        return ApiException.badRequest("the request body could not be decoded as its Content-Type says");
    }

    /**
     * The server's request handler: security headers on every answer, whatever the router makes of the
     * target; the body of a request that may be signed is hashed as it streams.
     */
    Handler<HttpServerRequest> requestHandler(Router router) {
        return req -> {
            securityHeaders(req.response().headers());
            signatures.handle(router, req);
        };
    }

    private static void securityHeaders(MultiMap h) {
        h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .set("X-Content-Type-Options", "nosniff")
                .set("Cache-Control", "no-store")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY");
    }

    /** Everything outside /v1 is unauthenticated: counted per address. */
    private void publicLimit(RoutingContext ctx) {
        if (ctx.request().path().startsWith("/v1/")) {
            ctx.next();
            return;
        }
        long wait = addresses.acquire(address(ctx.request()), nanos.getAsLong());
        if (wait > 0) {
            refuse(ctx, limited("address " + address(ctx.request()), config.addressRateLimitPerSecond(),
                    config.addressRateLimitBurst(), wait));
            return;
        }
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || auth.length() < 8 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuseUnauthenticated(ctx, ApiException.unauthorized("send Authorization: Bearer <token>"));
            return;
        }
        // the body stays unread (and no upload is written) until the token is good
        ctx.request().pause();
        tokens.authenticate(auth.substring(7).strip()).onComplete(ar -> {
            if (ar.failed()) {
                refuseUnauthenticated(ctx, ar.cause());
                return;
            }
            Caller caller = ar.result();
            long wait = callers.acquire(caller.subject(), nanos.getAsLong());
            if (wait > 0) {
                refuse(ctx, limited(caller.subject(), config.rateLimitPerSecond(), config.rateLimitBurst(), wait));
                return;
            }
            ctx.put(Gateway.CALLER, caller);
            RequestIds.scope(ctx);
            ctx.request().resume();
        });
    }

    /** No or a bad token: counted against the address, and past its limit a 429 instead of the 401. */
    private void refuseUnauthenticated(RoutingContext ctx, Throwable failure) {
        String from = address(ctx.request());
        long wait = addresses.acquire(from, nanos.getAsLong());
        refuse(ctx, wait > 0 ? limited("address " + from, config.addressRateLimitPerSecond(),
                config.addressRateLimitBurst(), wait) : failure);
    }

    /**
     * A refusal, perhaps before the body was read (no token, over the size limit): then the
     * connection closes after the answer, so an unread body is never consumed into anything; the
     * close lingers ({@link LingeringClose}) so that a client still sending reads the answer.
     */
    private void refuse(RoutingContext ctx, Throwable failure) {
        if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
            ctx.response().putHeader("Connection", "close");
            // addEndHandler, not response().endHandler(): that would replace the router's (the access line);
            // only once the answer is written (the end handlers also run on an exception or a reset)
            ctx.addEndHandler(ar -> {
                if (ar.succeeded()) {
                    lingering.after(ctx.vertx(), ctx.request());
                }
            });
        }
        ctx.request().resume();
        Problems.send(ctx, failure);
    }

    private static ApiException limited(String who, double perSecond, int burst, long wait) {
        return new ApiException(429, "rate-limited", "Too many requests",
                "rate limit of " + perSecond + "/s (burst " + burst + ") exceeded for " + who, null, wait);
    }

    private static String address(HttpServerRequest req) {
        SocketAddress a = req.remoteAddress();
        return a == null || a.hostAddress() == null ? "unknown" : a.hostAddress();
    }

    /**
     * Requests the HTTP decoder refused (no route runs): 414 for a request line over
     * {@link #MAX_INITIAL_LINE}, 431 for headers over {@link #MAX_HEADER_BYTES}, else 400; as
     * problem+json with the security headers, then the connection closes.
     */
    static void invalidRequest(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        ApiException p;
        if (cause instanceof TooLongHttpLineException) {
            p = new ApiException(414, "uri-too-long", "URI too long",
                    "the request line exceeds " + MAX_INITIAL_LINE + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            p = new ApiException(431, "headers-too-large", "Request header fields too large",
                    "the request headers exceed " + MAX_HEADER_BYTES + " bytes");
        } else {
            p = ApiException.badRequest("malformed HTTP request");
        }
        String id = java.util.UUID.randomUUID().toString(); // nothing of the refused request is trusted
        req.response().headers().set(RequestIds.HEADER, id);
        securityHeaders(req.response().headers());
        req.response().setStatusCode(p.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", "close")
                .end(Json.text(Problems.body(p).put("instance", "/").put("requestId", id)))
                .onComplete(v -> req.connection().close());
    }
}
