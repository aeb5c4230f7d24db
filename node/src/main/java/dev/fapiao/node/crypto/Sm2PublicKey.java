package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;

/** An SM2 public key on sm2p256v1. Immutable value; equal when the points are equal. */
public final class Sm2PublicKey {
    private final ECPublicKeyParameters params;
    private final byte[] spki;
    private final String keyId;

    Sm2PublicKey(ECPoint q) {
        // ECPublicKeyParameters validates that the point is on the curve and in the subgroup.
        this.params = new ECPublicKeyParameters(q.normalize(), Sm2.DOMAIN);
        try {
            this.spki = new SubjectPublicKeyInfo(Sm2.KEY_ALGORITHM, params.getQ().getEncoded(false))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.keyId = HexFormat.of().formatHex(Sm3.hash(spki));
    }

    /** From a DER SubjectPublicKeyInfo (id-ecPublicKey + sm2p256v1). */
    public static Sm2PublicKey fromEncoded(byte[] spkiDer) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(spkiDer);
        } catch (RuntimeException e) {
            throw new CryptoFormatException("not a DER SubjectPublicKeyInfo", e);
        }
        if (info == null) {
            throw new CryptoFormatException("not a DER SubjectPublicKeyInfo");
        }
        return fromInfo(info);
    }

    static Sm2PublicKey fromInfo(SubjectPublicKeyInfo info) {
        if (!Sm2.isSm2Key(info.getAlgorithm())) {
            throw new CryptoFormatException("not an SM2 (sm2p256v1) public key: " + info.getAlgorithm().getAlgorithm());
        }
        return fromPoint(info.getPublicKeyData().getOctets());
    }

    /** From an SEC1 point encoding ({@code 04||x||y}, or compressed). */
    public static Sm2PublicKey fromPoint(byte[] encodedPoint) {
        try {
            return new Sm2PublicKey(Sm2.DOMAIN.getCurve().decodePoint(encodedPoint));
        } catch (RuntimeException e) {
            throw new CryptoFormatException("invalid SM2 public key point", e);
        }
    }

    /** From a "PUBLIC KEY" PEM block (as written by {@code openssl pkey -pubout}). */
    public static Sm2PublicKey fromPem(String pem) {
        return fromEncoded(PemBlocks.read(pem, "PUBLIC KEY").getContent());
    }

    /** DER SubjectPublicKeyInfo. */
    public byte[] encoded() {
        return spki.clone();
    }

    /** Uncompressed point {@code 04||x||y}, 65 bytes. */
    public byte[] point() {
        return params.getQ().getEncoded(false);
    }

    /** Lowercase hex SM3 of the DER SubjectPublicKeyInfo: the ledger's key id. */
    public String keyId() {
        return keyId;
    }

    public String toPem() {
        return PemBlocks.write(new PemObject("PUBLIC KEY", spki));
    }

    ECPublicKeyParameters params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sm2PublicKey other && Arrays.equals(spki, other.spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "Sm2PublicKey[" + keyId + "]";
    }
}
