package dev.fapiao.node.evidence;

/** A signature with its key (key id = SM3 of the DER SubjectPublicKeyInfo, SM2 user ID; key as PEM). */
public record Signer(String keyId, String publicKey, String userId, String signature) {
}
