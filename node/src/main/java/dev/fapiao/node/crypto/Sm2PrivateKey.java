package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * An SM2 private key d on sm2p256v1, with its public key. Immutable. {@link #toString()} never
 * shows the scalar. Encrypted PEM is handled by {@link Sm2Pem}.
 */
public final class Sm2PrivateKey {
    private final ECPrivateKeyParameters params;
    private final Sm2PublicKey publicKey;

    Sm2PrivateKey(BigInteger d) {
        // GB/T 32918.1 §6.1: d ∈ [1, n-2] (n-1 is excluded because signing inverts 1+d).
        BigInteger n = Sm2.DOMAIN.getN();
        if (d.signum() <= 0 || d.compareTo(n.subtract(BigInteger.TWO)) > 0) {
            throw new CryptoFormatException("SM2 private key out of range");
        }
        this.params = new ECPrivateKeyParameters(d, Sm2.DOMAIN);
        this.publicKey = new Sm2PublicKey(new FixedPointCombMultiplier().multiply(Sm2.DOMAIN.getG(), d));
    }

    /** From the raw 32-byte big-endian scalar. */
    public static Sm2PrivateKey fromScalar(byte[] d) {
        return new Sm2PrivateKey(new BigInteger(1, d));
    }

    /** From a DER PKCS#8 PrivateKeyInfo (unencrypted). */
    public static Sm2PrivateKey fromEncoded(byte[] pkcs8Der) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8Der);
        } catch (RuntimeException e) {
            throw new CryptoFormatException("not a DER PKCS#8 PrivateKeyInfo", e);
        }
        if (info == null) {
            throw new CryptoFormatException("not a DER PKCS#8 PrivateKeyInfo");
        }
        return fromInfo(info);
    }

    static Sm2PrivateKey fromInfo(PrivateKeyInfo info) {
        if (!Sm2.isSm2Key(info.getPrivateKeyAlgorithm())) {
            throw new CryptoFormatException("not an SM2 (sm2p256v1) private key: "
                    + info.getPrivateKeyAlgorithm().getAlgorithm());
        }
        try {
            return fromSec1(ECPrivateKey.getInstance(info.parsePrivateKey()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CryptoFormatException cfe) {
                throw cfe;
            }
            throw new CryptoFormatException("malformed SM2 private key", e);
        }
    }

    /** SEC1 ECPrivateKey (RFC 5915), as inside PKCS#8 or in OpenSSL's "EC/SM2 PRIVATE KEY" PEM. */
    static Sm2PrivateKey fromSec1(ECPrivateKey ec) {
        ASN1Object curve = ec.getParametersObject();
        if (curve != null && !Sm2.CURVE.equals(curve)) {
            throw new CryptoFormatException("EC private key is not on sm2p256v1");
        }
        Sm2PrivateKey key = new Sm2PrivateKey(ec.getKey());
        ASN1BitString embedded = ec.getPublicKey();
        if (embedded != null && !Sm2PublicKey.fromPoint(embedded.getOctets()).equals(key.publicKey)) {
            throw new CryptoFormatException("embedded public key does not match the private key");
        }
        return key;
    }

    /** From a "PRIVATE KEY", "EC PRIVATE KEY" or "SM2 PRIVATE KEY" PEM block (unencrypted). */
    public static Sm2PrivateKey fromPem(String pem) {
        PemObject obj = PemBlocks.read(pem, "PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY");
        if (obj.getType().equals("PRIVATE KEY")) {
            return fromEncoded(obj.getContent());
        }
        try {
            return fromSec1(ECPrivateKey.getInstance(obj.getContent()));
        } catch (CryptoFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CryptoFormatException("malformed SEC1 EC private key", e);
        }
    }

    public Sm2PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    /**
     * DER PKCS#8 in OpenSSL 3's layout: id-ecPublicKey + sm2p256v1, and an ECPrivateKey with a
     * 32-byte scalar and the public key but no repeated curve parameters.
     */
    public byte[] encoded() {
        try {
            ECPrivateKey ec = new ECPrivateKey(256, params.getD(),
                    new DERBitString(publicKey.point()), null);
            return new PrivateKeyInfo(Sm2.KEY_ALGORITHM, ec).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unencrypted PKCS#8 "PRIVATE KEY" PEM. */
    public String toPem() {
        return PemBlocks.write(new PemObject("PRIVATE KEY", encoded()));
    }

    ECPrivateKeyParameters params() {
        return params;
    }

    @Override
    public String toString() {
        return "Sm2PrivateKey[" + keyId() + "]";
    }
}
