package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.anchor.AnchorPipeline;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.RequestSignatures;
import dev.fapiao.node.service.SignerService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST gateway: the archive node ({@link NodeRuntime}) plus a Vert.x HTTPS server in
 * front of it. Handlers never block the event loop: sealing, RocksDB and Fabric calls run
 * on a worker pool. {@link #start} returns once the server listens; {@link #close} stops
 * the server, then the node.
 */
public final class Gateway implements AutoCloseable {

    static final String CALLER = "fapiao.caller";
    static final String TARGET = "fapiao.target";
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final NodeRuntime runtime;
    private final InvoiceService invoices;
    private final Clock clock;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final Tokens tokens;
    private final RequestPipeline pipeline;
    private final PrometheusMeterRegistry registry;
    private final Path certificate;
    private final byte[] openapi;
    private HttpServer server;
    private Router router;

    private Gateway(GatewayConfig config, NodeRuntime runtime, Clock clock, Vertx vertx,
                    PrometheusMeterRegistry registry, Path certificate) throws IOException {
        this.config = config;
        this.runtime = runtime;
        this.invoices = runtime.invoices();
        this.clock = clock;
        this.vertx = vertx;
        this.registry = registry;
        this.certificate = certificate;
        this.worker = vertx.createSharedWorkerExecutor("gateway-blocking", config.workerPoolSize(), 2, TimeUnit.MINUTES);
        this.tokens = Tokens.create(vertx, config, clock);
        this.pipeline = new RequestPipeline(config, tokens, runtime.requestSignatures(), System::nanoTime);
        try (InputStream in = Gateway.class.getResourceAsStream("/openapi.yaml")) {
            this.openapi = in == null ? new byte[0] : in.readAllBytes();
        }
    }

    /** Starts the node and the HTTP server; fails (closing what it opened) when either cannot start. */
    public static Gateway start(NodeConfig nodeConfig, GatewayConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.dataPath());
        Path cert = null;
        Path key = null;
        if (config.tls()) {
            if (config.tlsCert().isBlank()) {
                DevTls.Files2 dev = DevTls.ensure(config.dataPath().resolve("tls"), config.host());
                cert = dev.cert();
                key = dev.key();
            } else {
                cert = Path.of(config.tlsCert());
                key = Path.of(config.tlsKey());
            }
        }
        NodeRuntime runtime = NodeRuntime.start(nodeConfig, clock);
        Vertx vertx = null;
        try {
            runtime.openMemberIdentities();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            Gateway gw = new Gateway(config, runtime, clock, vertx, registry, cert);
            gw.nodeMetrics();
            gw.replayWindow();
            HttpServerOptions options = RequestPipeline.serverOptions(config, cert, key);
            gw.router = gw.router();
            gw.server = vertx.createHttpServer(options).requestHandler(gw.pipeline.requestHandler(gw.router))
                    .invalidRequestHandler(RequestPipeline::invalidRequest)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            log.info("gateway listening on {}://{}:{}", config.tls() ? "https" : "http", config.host(),
                    gw.server.actualPort());
            return gw;
        } catch (Exception | Error e) {
            if (vertx != null) {
                vertx.close();
            }
            runtime.close();
            throw e;
        }
    }

    /** Expired nonces pruned every minute (new ones also prune a few); bearer-only acceptance is logged. */
    private void replayWindow() {
        RequestSignatures rs = runtime.requestSignatures();
        if (rs.mode() != RequestSignatures.Mode.REQUIRED) {
            log.warn("requestSignatures.mode is {}: bearer-only state-changing requests are accepted (development)",
                    rs.mode().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (rs.mode() != RequestSignatures.Mode.OFF) {
            vertx.setPeriodic(60_000, id -> blocking(rs::pruneExpired)
                    .onFailure(e -> log.warn("pruning request nonces failed: {}", e.getMessage())));
        }
    }

    private void nodeMetrics() {
        AnchorPipeline p = runtime.pipeline();
        Gauge.builder("fapiao_pipeline_backlog", p, x -> x.stats().backlog())
                .description("invoices waiting to be anchored").register(registry);
        Gauge.builder("fapiao_pipeline_in_flight", p, x -> x.stats().inFlight())
                .description("ledger transactions in flight").register(registry);
        FunctionCounter.builder("fapiao_anchor_committed_invoices", p, x -> x.stats().committedInvoices())
                .description("invoices anchored by committed transactions").register(registry);
        FunctionCounter.builder("fapiao_anchor_committed_batches", p, x -> x.stats().committedBatches())
                .description("committed anchoring transactions").register(registry);
        FunctionCounter.builder("fapiao_anchor_failed_invoices", p, x -> x.stats().failedInvoices())
                .description("invoices the ledger refused").register(registry);
        FunctionCounter.builder("fapiao_ledger_errors", p, x -> x.stats().ledgerErrors())
                .description("ledger errors while anchoring (retried)").register(registry);
        Gauge.builder("fapiao_archive_outbox_size", invoices, InvoiceService::outboxSize)
                .description("outbox entries (unanchored work)").register(registry);
        new ArchiveMemoryGauges(runtime::archiveMemory, System::nanoTime).register(registry);
        dev.fapiao.node.replication.Replicator rep = runtime.replicator();
        if (rep != null) { // fetch-and-verify replication (docs/operations.md)
            Gauge.builder("fapiao_replication_held", rep, x -> x.stats().held())
                    .description("anchored invoices of the replication policy held by this archive").register(registry);
            Gauge.builder("fapiao_replication_missing", rep, x -> x.stats().missing())
                    .description("anchored invoices no peer served a valid copy of").register(registry);
            FunctionCounter.builder("fapiao_replication_refused", rep, x -> x.stats().refused())
                    .description("fetched copies refused by a check").register(registry);
            Gauge.builder("fapiao_replication_block", rep, x -> x.stats().block())
                    .description("the replicator's cursor: every block up to it is done").register(registry);
        }
        for (InvoiceStatus s : InvoiceStatus.values()) {
            Gauge.builder("fapiao_archive_invoices", invoices, a -> a.countByStatus().getOrDefault(s, 0L))
                    .tag("status", s.name()).description("archived invoices by status").register(registry);
        }
        for (String kind : invoices.anomalyCounts().keySet()) {
            FunctionCounter.builder("fapiao_anomaly_flags", invoices, a -> a.anomalyCounts().getOrDefault(kind, 0L))
                    .tag("kind", kind).description("anomaly flags raised on submissions, by kind").register(registry);
        }
    }

    Router router() {
        Router r = Router.router(vertx);
        SubmitRoute submit = new SubmitRoute(this);
        BatchRoute batch = new BatchRoute(this, submit);
        SearchRoute search = new SearchRoute(this);
        ReadRoutes reads = new ReadRoutes(this);
        TransitionRoute transition = new TransitionRoute(this);
        SignerRoutes signers = new SignerRoutes(this);
        ProofApi proofs = new ProofApi(this, clock);
        OperatorRoutes operator = new OperatorRoutes(this, clock);
        pipeline.install(r, config.dataPath().resolve("uploads").toString());
        r.get("/health").handler(ctx -> json(ctx, 200, Json.object().put("status", "UP")));
        r.get("/ready").handler(this::ready);
        r.get("/metrics").handler(ctx -> blocking(registry::scrape).onSuccess(text -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text)).onFailure(ctx::fail));
        r.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
                .putHeader("Cache-Control", "no-cache").end(io.vertx.core.buffer.Buffer.buffer(openapi)));
        ConsoleRoutes.register(r);
        r.route("/v1/*").handler(this::audit);

        r.post("/v1/invoices").handler(submit::handle);
        r.routeWithRegex(HttpMethod.POST, "/v1/invoices:batch").setName("/v1/invoices:batch").handler(batch::handle);
        r.get("/v1/invoices").handler(search::handle);
        r.get("/v1/invoices/:id").handler(reads::invoice);
        r.get("/v1/invoices/:id/document").handler(reads::document);
        r.get("/v1/invoices/:id/provenance").handler(reads::provenance);
        r.post("/v1/invoices/:id/transitions").handler(transition::handle);
        r.get("/v1/invoices/:id/proof").handler(proofs::proof);
        r.routeWithRegex(HttpMethod.POST, "/v1/proofs:verify").setName("/v1/proofs:verify").handler(proofs::verify);
        r.post("/v1/signers").handler(signers::change);
        r.get("/v1/signers/:creditCode").handler(signers::byOwner);
        r.get("/v1/trust").handler(proofs::trust);
        r.get("/v1/node/status").handler(operator::status);
        r.get("/v1/audit").handler(new AuditRoute(this)::handle);
        r.post("/v1/admin/backups").handler(new AdminRoutes(this, runtime)::backup);

        pipeline.finish(r);
        return r;
    }

    /** Every state-changing request by an authenticated caller leaves an archive audit entry. */
    private void audit(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
            Caller caller = caller(ctx);
            String action = ctx.request().method() + " " + ctx.request().path();
            dev.fapiao.node.model.Origin origin = RequestIds.origin(ctx);
            ctx.addBodyEndHandler(v -> {
                String target = ctx.get(TARGET) != null ? ctx.get(TARGET) : ctx.request().path();
                int status = ctx.response().getStatusCode();
                RequestSignatures.SignedBy signed = ctx.get(SignatureCheck.SIGNED_BY);
                String detail = "HTTP " + status + (signed == null ? "" : " signed by " + signed.keyId());
                blocking(ctx, () -> {
                    invoices.audit(caller.actor(), "API " + action, target, detail, origin);
                    return null;
                }).onFailure(e -> RequestIds.run(ctx, () -> {
                    log.warn("audit entry failed: {}", e.getMessage());
                    return null;
                }));
            });
        }
        ctx.next();
    }

    private void ready(RoutingContext ctx) {
        blocking(() -> {
            invoices.checkReady();
            return Json.object().put("status", "READY").put("archive", "open").put("ledger", "reachable");
        }).onSuccess(o -> json(ctx, 200, o)).onFailure(e -> {
            ApiException p = Problems.of(e);
            Problems.send(ctx, p.status() == 503 ? p
                    : ApiException.unavailable("not-ready", "not ready: " + e.getMessage(), 5));
        });
    }

    // ------------------------------------------------------------------ helpers for handlers

    /** {@code task} on the worker pool, with the caller thread's MDC (the request id, when a handler set it). */
    <T> Future<T> blocking(Callable<T> task) {
        java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
        return worker.executeBlocking(() -> RequestIds.withMdc(mdc, task), false);
    }

    /** As above, for a callback that runs outside the request's handlers: the id from {@code ctx}. */
    <T> Future<T> blocking(RoutingContext ctx, Callable<T> task) {
        java.util.Map<String, String> mdc = java.util.Map.of(RequestIds.MDC_KEY, RequestIds.of(ctx));
        return worker.executeBlocking(() -> RequestIds.withMdc(mdc, task), false);
    }

    static Caller caller(RoutingContext ctx) {
        Caller c = ctx.get(CALLER);
        if (c == null) {
            throw ApiException.unauthorized("a valid bearer token is required");
        }
        return c;
    }

    static String mediaType(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase();
    }

    static void requireJson(RoutingContext ctx) {
        String mt = mediaType(ctx);
        if (!mt.equals("application/json")) {
            throw ApiException.unsupportedMediaType("send application/json, not '" + mt + "'");
        }
    }

    static byte[] body(RoutingContext ctx) {
        var b = ctx.body().buffer();
        return b == null ? new byte[0] : b.getBytes();
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.text(body));
    }

    // ------------------------------------------------------------------ accessors

    /** "METHOD /path/{param}" of every route with a method (for the OpenAPI contract check). */
    java.util.SortedSet<String> routes() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (var route : router.getRoutes()) {
            String path = route.isRegexPath() ? route.getName() : route.getPath();
            if (path == null || route.methods() == null) {
                continue;
            }
            for (HttpMethod m : route.methods()) {
                out.add(m.name() + " " + path.replaceAll("/:([A-Za-z]+)", "/{$1}"));
            }
        }
        return out;
    }

    public int port() {
        return server.actualPort();
    }

    public Path certificate() {
        return certificate;
    }

    Tokens tokens() {
        return tokens;
    }

    public NodeRuntime runtime() {
        return runtime;
    }

    InvoiceService invoices() {
        return invoices;
    }

    SignerService signers() {
        return runtime.signers();
    }

    GatewayConfig config() {
        return config;
    }

    Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        AtomicReference<Throwable> err = new AtomicReference<>();
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.set(e);
        }
        runtime.close();
        if (err.get() != null) {
            log.warn("gateway did not stop cleanly: {}", err.get().getMessage());
        }
    }
}
