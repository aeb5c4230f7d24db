package dev.fapiao.node.model;

import java.util.regex.Pattern;

/**
 * Which request caused a write: the HTTP request id ({@code X-Request-Id}) and the id ({@code jti})
 * of the bearer token that sent it; either may be null (work of the node itself, a token without
 * {@code jti}). Carried explicitly into audit entries and the outbox, so that one id ties the HTTP
 * request, the archive write and the ledger transaction together (docs/operations.md, "Logs").
 */
public record Origin(String requestId, String tokenId) {

    /** The node's own work: no request. */
    public static final Origin NONE = new Origin(null, null);

    /** What a request id may look like (accepted from a client, minted otherwise): safe in logs and headers. */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public Origin {
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("not a request id: 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
        if (tokenId != null && (tokenId.isEmpty() || tokenId.length() > 128)) {
            throw new IllegalArgumentException("token id of 1 to 128 characters");
        }
    }
}
