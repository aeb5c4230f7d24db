package dev.fapiao.node.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The argument of {@code rotateSigner}: the old key, the new key (PEM public key or certificate,
 * optional user ID and end of validity) and when the new key takes over. Null members are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignerRotation(String keyId, String publicKey, String certificate, String userId,
        String effectiveAt, String validTo) {
}
