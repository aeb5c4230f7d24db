package dev.fapiao.gateway;

import dev.fapiao.node.model.Origin;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request's id: a well-formed incoming {@code X-Request-Id} ({@link Origin#REQUEST_ID}), else a
 * new UUID; echoed in the response header and in problem+json ({@code requestId}), and in the MDC
 * ({@code requestId}) while the request's code runs. The MDC is per thread and Vert.x hops threads,
 * so the id is set again at each hop: the pipeline's handlers, {@link Gateway#blocking}'s worker,
 * the problem writer, the access line; the node gets it explicitly ({@link #origin}).
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String KEY = "fapiao.requestId";
    private static final Logger access = LoggerFactory.getLogger("dev.fapiao.gateway.access");

    private RequestIds() {
    }

    /** The first handler: assigns the id, echoes it, logs one access line when the response ends. */
    static void assign(RoutingContext ctx) {
        String id = of(ctx);
        ctx.response().headers().set(HEADER, id);
        long start = System.nanoTime();
        ctx.addEndHandler(v -> run(ctx, () -> {
            Caller c = ctx.get(Gateway.CALLER);
            access.info("{} {} {} {} ms{}", ctx.request().method(), ctx.request().path(),
                    ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
                    c == null ? "" : " by " + c.actor() + (c.tokenId() == null ? "" : " token " + c.tokenId()));
            return null;
        }));
        scope(ctx);
    }

    /** Passes on with the id in the MDC (for the synchronous part of the handlers that follow). */
    static void scope(RoutingContext ctx) {
        run(ctx, () -> {
            ctx.next();
            return null;
        });
    }

    /** The request's id, assigned on first use (a request the router refused before any handler has one too). */
    static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            String in = ctx.request().getHeader(HEADER);
            id = in != null && Origin.REQUEST_ID.matcher(in).matches() ? in : UUID.randomUUID().toString();
            ctx.put(KEY, id);
        }
        return id;
    }

    /** The request and token ids the node records for this request. */
    static Origin origin(RoutingContext ctx) {
        Caller c = ctx.get(Gateway.CALLER);
        String jti = c == null || c.tokenId() == null || c.tokenId().isEmpty() || c.tokenId().length() > 128
                ? null : c.tokenId();
        return new Origin(of(ctx), jti);
    }

    /** Runs {@code body} with the request's id in this thread's MDC (and the MDC as before afterwards). */
    static <T> T run(RoutingContext ctx, Callable<T> body) {
        return withMdc(Map.of(MDC_KEY, of(ctx)), body);
    }

    /** Runs {@code body} with {@code mdc} as this thread's MDC, restoring the previous one afterwards. */
    static <T> T withMdc(Map<String, String> mdc, Callable<T> body) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }
}
