package dev.fapiao.chaincode.crypto;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A parsed SM2 public key: the key id (hex SM3 of its canonical DER SubjectPublicKeyInfo), that DER,
 * its canonical PEM, and the point on BouncyCastle's optimised sm2p256v1 curve.
 */
public record Sm2PublicKey(String keyId, byte[] spkiDer, String pem, ECPublicKeyParameters parameters) {
}
