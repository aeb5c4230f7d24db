package dev.fapiao.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The auditor console (docs/console.md): static assets built from {@code src/main/console} into
 * the jar's {@code console/} folder, served under {@code /console} by the gateway's own server
 * (same TLS). The page reads no data without a token: its sign-in keeps a bearer token for the
 * {@code /v1} API, which checks it on every call; the proof verifier runs in the browser on files
 * the user chooses.
 */
final class ConsoleRoutes {
    static final String PATH = "/console";
    /** Only this origin's scripts, styles and API; no inline script, no other host. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private ConsoleRoutes() {
    }

    /** Adds {@code /console} (redirected to {@code /console/}) and {@code /console/*} to {@code router}. */
    static void register(Router router) {
        // a regex route matches the whole path, so "/console/" is not redirected (a plain path would be)
        router.routeWithRegex(HttpMethod.GET, PATH).handler(ctx -> ctx.redirect(PATH + "/"));
        router.route(PATH + "/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        });
        router.route(PATH + "/*").handler(StaticHandler.create("console").setCachingEnabled(false)
                .setDirectoryListing(false).setIndexPage("index.html"));
    }
}
