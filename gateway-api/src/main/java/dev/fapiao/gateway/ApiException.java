package dev.fapiao.gateway;

import dev.fapiao.node.invoice.FieldError;
import java.util.List;

/**
 * A request that cannot be served, as an RFC 9457 problem: {@code type} is
 * {@code https://fapiao.dev/problems/<kind>}, stable; {@code retryAfter} seconds (or -1)
 * becomes a Retry-After header.
 */
final class ApiException extends RuntimeException {

    public static final String BASE = "https://fapiao.dev/problems/";

    private final int status;
    private final String kind;
    private final String title;
    private final List<FieldError> errors;
    private final long retryAfter;

    public ApiException(int status, String kind, String title, String detail, List<FieldError> errors, long retryAfter) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ApiException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, null, -1);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail);
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(400, "validation", "Invalid request",
                errors.size() + " field(s) failed validation: " + errors.get(0).field() + ": " + errors.get(0).message(),
                errors, -1);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Authentication required", detail);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ApiException unavailable(String kind, String detail, long retryAfter) {
        return new ApiException(503, kind, "Service unavailable", detail, null, retryAfter);
    }

    public int status() {
        return status;
    }

    public String type() {
        return BASE + kind;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public long retryAfter() {
        return retryAfter;
    }
}
