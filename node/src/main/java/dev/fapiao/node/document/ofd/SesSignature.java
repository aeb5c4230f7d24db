package dev.fapiao.node.document.ofd;

import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import java.io.IOException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * A GB/T 38540-2020 electronic seal signature ({@code SES_Signature}, version 4) as stored in an OFD's
 * {@code SignedValue.dat}:
 * <pre>
 * SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OID, signature BIT STRING }
 * TBS_Sign      ::= SEQUENCE { version INTEGER (4), eseal SESeal, timeInfo GeneralizedTime,
 *                              dataHash BIT STRING, propertyInfo IA5String, extDatas [0] OPTIONAL }
 * SESeal        ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OID, signedValue BIT STRING }
 * SES_SealInfo  ::= SEQUENCE { header, esID, property SES_ESPropertyInfo { type, name, certListType,
 *                              certList, createDate, validStart, validEnd }, picture, extDatas OPTIONAL }
 * </pre>
 * The older GM/T 0031-2014 layout (version 1) is recognised and reported as not supported.
 */
record SesSignature(int version, byte[] toSign, byte[] signerCert, String algorithm, byte[] signature,
        Instant signedAt, byte[] dataHash, String sealName, byte[] sealInfo, byte[] makerCert, String makerAlgorithm,
        byte[] makerSignature, byte[] sealCertList) {

    static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";

    /** Parses a v4 signature; a v1 one gives {@code version == 1} and nothing else. */
    static SesSignature parse(byte[] der) {
        try {
            ASN1Sequence ses = ASN1Sequence.getInstance(der);
            ASN1Sequence tbs = ASN1Sequence.getInstance(ses.getObjectAt(0));
            int version = ASN1Integer.getInstance(tbs.getObjectAt(0)).intValueExact();
            if (ses.size() == 2) {
                return new SesSignature(version == 4 ? -1 : version, null, null, null, null, null, null, null,
                        null, null, null, null, null);
            }
            ASN1Sequence seal = ASN1Sequence.getInstance(tbs.getObjectAt(1));
            ASN1Sequence sealInfo = ASN1Sequence.getInstance(seal.getObjectAt(0));
            ASN1Sequence property = ASN1Sequence.getInstance(sealInfo.getObjectAt(2));
            String name = ((ASN1String) property.getObjectAt(1)).getString();
            byte[] certList = property.size() > 3 ? der(property.getObjectAt(3)) : null;
            return new SesSignature(version, der(tbs), octets(ses.getObjectAt(1)), oid(ses.getObjectAt(2)),
                    bits(ses.getObjectAt(3)), time(tbs.getObjectAt(2)), bits(tbs.getObjectAt(3)), name, der(sealInfo),
                    octets(seal.getObjectAt(1)), oid(seal.getObjectAt(2)), bits(seal.getObjectAt(3)), certList);
        } catch (RuntimeException | ParseException | IOException e) {
            throw new IllegalArgumentException("not a GB/T 38540 / GM/T 0031 SES_Signature: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies, in order: the signature file hash, the signer's SM2 signature over {@code TBS_Sign}, the
     * seal maker's SM2 signature over the seal, and that the seal names the signer's certificate.
     *
     * @return null when all hold, else the first failure in one line
     */
    String verify(byte[] signatureXml) {
        if (!MessageDigest.isEqual(dataHash, Sm3.hash(signatureXml))) {
            return "the signed hash of the signature file differs from its SM3 hash";
        }
        String signer = verifySm2("signer", signerCert, algorithm, toSign, signature);
        if (signer != null) {
            return signer;
        }
        String maker = verifySm2("seal maker", makerCert, makerAlgorithm, sealInfo, makerSignature);
        if (maker != null) {
            return maker;
        }
        if (sealCertList != null && !contains(sealCertList, signerCert)) {
            return "the signer's certificate is not one the seal lists";
        }
        return null;
    }

    private static String verifySm2(String who, byte[] certDer, String alg, byte[] data, byte[] sig) {
        if (!SM3_WITH_SM2.equals(alg)) {
            return who + " signature algorithm " + alg + " is not SM3withSM2";
        }
        Sm2PublicKey key;
        try {
            key = Sm2PublicKey.fromEncoded(Certificate.getInstance(certDer).getSubjectPublicKeyInfo()
                    .getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            return who + " certificate is not an SM2 X.509 certificate";
        }
        return Sm2Verifier.of(key).verify(data, sig) ? null : who + " SM2 signature does not verify";
    }

    /** True when a DER certList (SEQUENCE OF OCTET STRING certificates) holds {@code cert}. */
    private static boolean contains(byte[] certListDer, byte[] cert) {
        ASN1Sequence list;
        try {
            list = ASN1Sequence.getInstance(certListDer);
        } catch (RuntimeException notASequence) {
            return true; // certListType 2 (certificate hashes) is not compared here
        }
        for (ASN1Encodable e : list) {
            if (e instanceof ASN1OctetString o && MessageDigest.isEqual(o.getOctets(), cert)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] der(ASN1Encodable e) throws IOException {
        return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    private static byte[] octets(ASN1Encodable e) {
        return ASN1OctetString.getInstance(e).getOctets();
    }

    private static byte[] bits(ASN1Encodable e) {
        return ASN1BitString.getInstance(e).getOctets();
    }

    private static String oid(ASN1Encodable e) {
        return ASN1ObjectIdentifier.getInstance(e).getId();
    }

    private static Instant time(ASN1Encodable e) throws ParseException {
        return ASN1GeneralizedTime.getInstance(e).getDate().toInstant();
    }
}
