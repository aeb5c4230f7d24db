package dev.fapiao.node.ledger;

import static dev.fapiao.node.ledger.InvoiceRecord.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key of the signer registry as the chaincode stores it (docs/ledger-model.md): owner, kind
 * ({@code ENTERPRISE} or {@code NODE}), PEM public key, SM2 user ID (null: the default), validity
 * window and revocation. {@code json} is the record exactly as the ledger returned it.
 */
public record SignerRecord(String keyId, String ownerCode, String kind, String nodeId, String publicKey,
        String userId, String validFrom, String validTo, String revokedAt, JsonNode json) {

    static SignerRecord from(JsonNode v) {
        return new SignerRecord(text(v, "keyId"), text(v, "ownerCode"), text(v, "kind"), text(v, "nodeId"),
                text(v, "publicKey"), text(v, "userId"), text(v, "validFrom"), text(v, "validTo"),
                text(v, "revokedAt"), v);
    }
}
