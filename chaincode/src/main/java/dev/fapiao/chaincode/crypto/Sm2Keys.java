package dev.fapiao.chaincode.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Parses SM2 public keys from PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo with id-ecPublicKey and
 * the sm2p256v1 named curve) or PEM {@code CERTIFICATE} (its subject public key, which must be SM2).
 * The key is re-encoded canonically (uncompressed point, DER), so a key has exactly one key id.
 */
public final class Sm2Keys {

    private Sm2Keys() {
    }

    /** From a PEM {@code PUBLIC KEY}. */
    public static Sm2PublicKey fromPublicKeyPem(String pem) throws CryptoFormatException {
        byte[] der = singlePem(pem, "PUBLIC KEY");
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new CryptoFormatException("not a DER SubjectPublicKeyInfo");
        }
        return fromSpki(spki);
    }

    /** From a PEM {@code CERTIFICATE}: its public key. */
    public static Sm2PublicKey fromCertificatePem(String pem) throws CryptoFormatException {
        return fromSpki(certificate(pem).getSubjectPublicKeyInfo());
    }

    /** Canonical PEM of a certificate (re-encoded DER), after checking it parses. */
    public static String canonicalCertificatePem(String pem) throws CryptoFormatException {
        try {
            return toPem("CERTIFICATE", certificate(pem).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new CryptoFormatException("cannot encode the certificate");
        }
    }

    private static Certificate certificate(String pem) throws CryptoFormatException {
        byte[] der = singlePem(pem, "CERTIFICATE");
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new CryptoFormatException("not a DER X.509 certificate");
        }
    }

    /** From a SubjectPublicKeyInfo that must hold an SM2 key. */
    public static Sm2PublicKey fromSpki(SubjectPublicKeyInfo spki) throws CryptoFormatException {
        AlgorithmIdentifier alg = spki.getAlgorithm();
        if (!Sm2Curve.EC_PUBLIC_KEY.equals(alg.getAlgorithm())) {
            throw new CryptoFormatException("not an EC public key (algorithm " + alg.getAlgorithm() + ")");
        }
        ASN1Encodable params = alg.getParameters();
        ASN1ObjectIdentifier curve = null;
        try {
            X962Parameters x962 = params == null ? null : X962Parameters.getInstance(params);
            if (x962 != null && x962.isNamedCurve()) {
                curve = ASN1ObjectIdentifier.getInstance(x962.getParameters());
            }
        } catch (RuntimeException e) {
            curve = null;
        }
        if (!Sm2Curve.OID.equals(curve)) {
            throw new CryptoFormatException("not an SM2 key: the curve must be sm2p256v1 (" + Sm2Curve.OID + ")");
        }
        ECPoint q;
        try {
            q = Sm2Curve.X9.getCurve().decodePoint(spki.getPublicKeyData().getOctets()).normalize();
        } catch (RuntimeException e) {
            throw new CryptoFormatException("invalid EC point: " + e.getMessage());
        }
        ECPublicKeyParameters parameters;
        try {
            parameters = new ECPublicKeyParameters(q, Sm2Curve.DOMAIN);
        } catch (RuntimeException e) {
            throw new CryptoFormatException("invalid SM2 public key: " + e.getMessage());
        }
        byte[] canonical = canonicalSpki(q);
        return new Sm2PublicKey(Sm3.hex(canonical), canonical, toPem("PUBLIC KEY", canonical), parameters);
    }

    /** The key id of a public key: lowercase hex SM3 of its canonical DER SubjectPublicKeyInfo. */
    public static String keyId(ECPoint q) {
        return Sm3.hex(canonicalSpki(q));
    }

    static byte[] canonicalSpki(ECPoint q) {
        try {
            AlgorithmIdentifier alg = new AlgorithmIdentifier(Sm2Curve.EC_PUBLIC_KEY, Sm2Curve.OID);
            return new SubjectPublicKeyInfo(alg, q.getEncoded(false)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }

    static String toPem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The DER content of the one PEM block of the given type in {@code pem}. */
    static byte[] singlePem(String pem, String type) throws CryptoFormatException {
        if (pem == null || pem.isBlank()) {
            throw new CryptoFormatException("empty PEM");
        }
        try (PemReader r = new PemReader(new StringReader(pem))) {
            PemObject first = r.readPemObject();
            if (first == null) {
                throw new CryptoFormatException("no PEM block (expected -----BEGIN " + type + "-----)");
            }
            if (!type.equals(first.getType())) {
                throw new CryptoFormatException("PEM block is " + first.getType() + ", expected " + type);
            }
            if (r.readPemObject() != null) {
                throw new CryptoFormatException("more than one PEM block");
            }
            byte[] content = first.getContent();
            if (content == null || content.length == 0) {
                throw new CryptoFormatException("empty PEM block");
            }
            return Arrays.copyOf(content, content.length);
        } catch (IOException | RuntimeException e) {
            throw new CryptoFormatException("malformed PEM: " + e.getMessage());
        }
    }
}
