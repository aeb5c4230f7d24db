package dev.fapiao.gateway;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.service.RequestSignatures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway's real {@link RequestPipeline} (tokens, limits, body handling, Netty refusals,
 * problem handlers) on a plain-HTTP loopback server, in front of routes that run the gateway's
 * real request parsers and answer 200 instead of calling the node: the HTTP surface without a ledger.
 */
final class PipelineHarness implements AutoCloseable {

    final Vertx vertx;
    final Tokens tokens;
    final GatewayConfig config;
    final HttpServer server;
    final Path uploads;
    final Archive archive;
    final TestRegistry registry;

    private PipelineHarness(Vertx vertx, Tokens tokens, GatewayConfig config, HttpServer server, Path uploads,
                            Archive archive, TestRegistry registry) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.config = config;
        this.server = server;
        this.uploads = uploads;
        this.archive = archive;
        this.registry = registry;
    }

    static PipelineHarness start(Path dir, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FAPIAO_GATEWAY_TLS", "false"); // plain HTTP unless the test asks for TLS
        env.put("FAPIAO_GATEWAY_PORT", "0");
        env.put("FAPIAO_GATEWAY_DATA_DIR", dir.toString());
        env.putAll(extraEnv);
        GatewayConfig.Loaded loaded = GatewayConfig.load(null, env);
        GatewayConfig config = loaded.gateway();
        Vertx vertx = Vertx.vertx();
        Tokens tokens = Tokens.create(vertx, config, Clock.systemUTC());
        // signed requests: the real checks and a real nonce store; the signer registry is a map
        Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).syncWrites(false)
                .memoryBudgetBytes(16L << 20).build());
        TestRegistry registry = new TestRegistry();
        RequestSignatures signatures = RequestSignatures.create(loaded.node().requestSignatures(), archive.nonces(),
                registry, Clock.systemUTC());
        RequestPipeline pipeline = new RequestPipeline(config, tokens, signatures, System::nanoTime);
        Path uploads = dir.resolve("uploads");
        Router r = Router.router(vertx);
        pipeline.install(r, uploads.toString());
        r.get("/health").handler(ctx -> Gateway.json(ctx, 200, Json.object().put("status", "UP")));
        r.post("/v1/invoices").handler(ctx -> {
            String mt = Gateway.mediaType(ctx);
            byte[] body = Gateway.body(ctx);
            vertx.executeBlocking(() -> {
                var s = mt.equals("multipart/form-data") ? SubmitRoute.multipart(ctx)
                        : mt.equals("application/json") ? SubmissionParser.json(Json.parseBody(body)) : null;
                if (s == null) {
                    throw ApiException.unsupportedMediaType("send application/json or multipart/form-data");
                }
                return Json.object().put("number", s.invoice().number());
            }, false).onSuccess(o -> Gateway.json(ctx, 200, o)).onFailure(ctx::fail);
        });
        r.post("/v1/invoices/:id/transitions").handler(ctx -> {
            Gateway.requireJson(ctx);
            var t = TransitionBody.parse(InvoicePath.visibleId(ctx), Json.parseBody(Gateway.body(ctx)));
            Gateway.json(ctx, 200, Json.object().put("action", t.action().name()));
        });
        r.get("/v1/invoices").handler(ctx -> {
            SearchQuery q = SearchQuery.parse(ctx.request()::getParam, null);
            Gateway.json(ctx, 200, Json.object().put("limit", q.limit()));
        });
        r.get("/v1/whoami").handler(ctx -> Gateway.json(ctx, 200, Json.object().put("sub", Gateway.caller(ctx).subject())));
        pipeline.finish(r);
        DevTls.Files2 tls = config.tls() ? DevTls.ensure(dir.resolve("tls")) : null;
        HttpServer server = vertx.createHttpServer(RequestPipeline.serverOptions(config,
                        tls == null ? null : tls.cert(), tls == null ? null : tls.key()))
                .requestHandler(pipeline.requestHandler(r)).invalidRequestHandler(RequestPipeline::invalidRequest)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new PipelineHarness(vertx, tokens, config, server, uploads, archive, registry);
    }

    int port() {
        return server.actualPort();
    }

    RawHttp.Response send(byte[] request) throws Exception {
        return RawHttp.exchange(javax.net.SocketFactory.getDefault(), port(), request);
    }

    /** Files the body handler left in (or is writing to) the upload folder. */
    long uploadedFiles() throws Exception {
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(uploads)) {
            return s.count();
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        archive.close();
    }
}
