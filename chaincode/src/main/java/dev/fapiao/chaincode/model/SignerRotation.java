package dev.fapiao.chaincode.model;

/**
 * Argument of {@code rotateSigner}: the old key id, the new key (publicKey or certificate), the
 * instant the new key takes over; optional userId and validTo of the new key.
 */
public record SignerRotation(String keyId, String publicKey, String certificate, String userId, String effectiveAt,
        String validTo) {
}
