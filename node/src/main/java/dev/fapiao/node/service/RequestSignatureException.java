package dev.fapiao.node.service;

/**
 * A signed request refused: {@code type} is the problem type (docs/gateway.md, "Signed requests"):
 * {@code signature-required}, {@code bad-signature}, {@code request-expired}, {@code request-replayed}
 * (401) or {@code nonce-store-full} (503).
 */
public final class RequestSignatureException extends RuntimeException {

    private final String type;
    private final int status;

    RequestSignatureException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    static RequestSignatureException unauthorized(String type, String message) {
        return new RequestSignatureException(type, 401, message);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
