package dev.fapiao.chaincode.model;

/** One seal: the signing key's id and the base64 DER SM2 signature over the seal encoding. */
public record SignatureEntry(String keyId, String signature) {
}
