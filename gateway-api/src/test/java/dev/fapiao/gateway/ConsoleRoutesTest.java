package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's static route on a loopback server: the built page, its CSP, nothing outside it. */
class ConsoleRoutesTest {
    Vertx vertx;
    HttpServer server;
    WebClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router r = Router.router(vertx);
        ConsoleRoutes.register(r);
        server = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(false));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void servesTheBuiltPageWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<Buffer> page = get("/console/");
        assertEquals(200, page.statusCode());
        assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
        assertTrue(page.bodyAsString().contains("<script type=\"module\" src=\"console.js\">"), page.bodyAsString());
        assertEquals(ConsoleRoutes.CSP, page.getHeader("Content-Security-Policy"));
        HttpResponse<Buffer> script = get("/console/console.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().length() > 10_000, "bundle of " + script.body().length() + " bytes");
        assertTrue(script.getHeader("Content-Type").contains("javascript"), script.getHeader("Content-Type"));
    }

    @Test
    void redirectsTheBarePathAndServesNothingElse() throws Exception {
        HttpResponse<Buffer> bare = get("/console");
        assertEquals(302, bare.statusCode());
        assertEquals("/console/", bare.getHeader("Location"));
        assertEquals(404, get("/console/no-such-file.js").statusCode());
        assertEquals(404, get("/console/../openapi.yaml").statusCode());
        assertEquals(404, get("/console/%2e%2e/dev/fapiao/gateway/Gateway.class").statusCode());
    }
}
