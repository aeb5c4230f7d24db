package dev.fapiao.gateway;

import dev.fapiao.node.service.RequestSignatures;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A request whose body bytes are hashed as they arrive, whoever reads them: the body handler
 * keeps JSON bodies but only parses multipart ones (parts go to disk), so the signature's body hash
 * is taken here, over exactly the bytes received, in order.
 */
final class DigestingRequest extends HttpServerRequestWrapper {

    private final RequestSignatures.BodyDigest digest;

    DigestingRequest(HttpServerRequestInternal delegate, RequestSignatures.BodyDigest digest) {
        super(delegate);
        this.digest = digest;
    }

    @Override
    public HttpServerRequest handler(Handler<Buffer> handler) {
        if (handler == null) {
            return super.handler(null);
        }
        return super.handler(chunk -> {
            byte[] bytes = chunk.getBytes();
            digest.update(bytes, 0, bytes.length);
            handler.handle(chunk);
        });
    }
}
