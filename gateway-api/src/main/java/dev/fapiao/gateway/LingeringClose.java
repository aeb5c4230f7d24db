package dev.fapiao.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Closing a connection whose request body is still arriving, after its answer was written. A plain
 * close with unread bytes in the socket makes the kernel send a reset, and a reset can discard the
 * answer from the client's receive buffer before the client reads it (it sees "no bytes" instead of
 * the 413 or 401). So, as HTTP servers do (RFC 9112 §9.6), the rest of the body is read and
 * discarded, bounded in time and bytes, and the connection closes when the body ends or a bound is
 * reached. Everything runs on the request's event loop, so no state here needs a lock.
 */
final class LingeringClose {

    /** Longest wait for the rest of a refused body. */
    static final long MAX_MILLIS = 5_000;
    /** Read past the body limit, so a client that stays within it (framing included) reads its answer. */
    static final long MARGIN_BYTES = 4L * 1024 * 1024;

    private final long maxBytes;

    private LingeringClose(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Lingers for at most the gateway's body limit plus {@link #MARGIN_BYTES}. */
    static LingeringClose forBodyLimit(long bodyLimitBytes) {
        return new LingeringClose(bodyLimitBytes + MARGIN_BYTES);
    }

    /** Most bytes of a refused body read and discarded; past this the connection closes at once. */
    long maxBytes() {
        return maxBytes;
    }

    /** Closes {@code request}'s connection now if its body has ended, else once it ends or a bound is hit. */
    void after(Vertx vertx, HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        boolean[] closed = {false};
        long[] timer = {-1};
        Runnable close = () -> {
            if (!closed[0]) {
                closed[0] = true;
                vertx.cancelTimer(timer[0]);
                request.connection().close();
            }
        };
        timer[0] = vertx.setTimer(MAX_MILLIS, id -> close.run());
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > maxBytes) {
                close.run();
            }
        });
        request.endHandler(v -> close.run());
        request.exceptionHandler(e -> close.run());
        request.resume();
    }
}
