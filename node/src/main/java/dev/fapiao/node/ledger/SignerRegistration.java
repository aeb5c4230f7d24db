package dev.fapiao.node.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The argument of {@code registerSigner} (docs/ledger-model.md): owner, kind, the NODE key's node
 * id, one of a PEM public key or certificate, optional SM2 user ID and validity window (ISO-8601).
 * Null members are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignerRegistration(String ownerCode, String kind, String nodeId, String publicKey,
        String certificate, String userId, String validFrom, String validTo) {
}
