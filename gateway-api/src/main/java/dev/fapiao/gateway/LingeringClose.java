package dev.fapiao.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closing a connection whose request body is still arriving, after its answer was written. A plain
 * close with unread bytes in the socket makes the kernel send a reset, and a reset can discard the
 * answer from the client's receive buffer before the client reads it (it sees "no bytes" instead of
 * the 413 or 401). So, as HTTP servers do (RFC 9112 §9.6), the rest of the body is read and
 * discarded, bounded in time and bytes, and the connection closes when the body ends or a bound is
 * reached.
 */
final class LingeringClose {

    /** Longest wait for the rest of a refused body. */
    static final long MAX_MILLIS = 5_000;
    /**
     * Most bytes of a refused body read and discarded; past this the connection closes at once. Above
     * the default body limit (30 MiB), so a client that stays within it always reads its answer.
     */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private LingeringClose() {
    }

    /** Closes {@code request}'s connection now if its body has ended, else once it ends or a bound is hit. */
    static void after(Vertx vertx, HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                request.connection().close();
            }
        };
        long timer = vertx.setTimer(MAX_MILLIS, id -> close.run());
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > MAX_BYTES) {
                vertx.cancelTimer(timer);
                close.run();
            }
        });
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            close.run();
        });
        request.exceptionHandler(e -> {
            vertx.cancelTimer(timer);
            close.run();
        });
        request.resume();
    }
}
