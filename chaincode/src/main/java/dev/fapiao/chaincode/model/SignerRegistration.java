package dev.fapiao.chaincode.model;

/** Argument of {@code registerSigner}; optional fields are null. */
public record SignerRegistration(String ownerCode, String kind, String nodeId, String publicKey, String certificate,
        String userId, String validFrom, String validTo) {
}
