package dev.fapiao.node.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * X.509 certificates for SM2 keys, signed with SM3withSM2 (OID 1.2.156.10197.1.501) using the
 * GM/T 0009 default user ID, which is what OpenSSL 3 uses to verify SM2 certificate signatures.
 */
public final class Sm2Certificates {
    private static final String SIG_ALG = "SM3WITHSM2";

    private final Provider provider;
    private final SecureRandom random = new SecureRandom();

    public Sm2Certificates(Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** A self-signed CA certificate, e.g. subject {@code "CN=node-1,O=Example"}. */
    public X509Certificate selfSigned(Sm2PrivateKey key, String subject, Duration validity) {
        X500Name name = new X500Name(subject);
        return build(key, name, key.publicKey(), name, null, validity, true);
    }

    /** A certificate for {@code subjectKey} issued by a CA key/certificate. */
    public X509Certificate issue(Sm2PrivateKey issuerKey, X509Certificate issuerCert, Sm2PublicKey subjectKey,
            String subject, Duration validity, boolean ca) {
        if (!publicKey(issuerCert).equals(issuerKey.publicKey())) {
            throw new IllegalArgumentException("issuer key does not match the issuer certificate");
        }
        X500Name issuer = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        return build(issuerKey, issuer, subjectKey, new X500Name(subject), issuerKey.publicKey(), validity, ca);
    }

    private X509Certificate build(Sm2PrivateKey signer, X500Name issuer, Sm2PublicKey subjectKey, X500Name subject,
            Sm2PublicKey authorityKey, Duration validity, boolean ca) {
        // Back-date a little so a certificate made now is valid on peers with slightly slow clocks.
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
        Instant notAfter = notBefore.plus(validity);
        BigInteger serial = new BigInteger(127, random).setBit(126); // positive, 16 bytes
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(subjectKey.encoded());
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                Date.from(notAfter), subject, spki);
        try {
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            if (authorityKey != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(
                        SubjectPublicKeyInfo.getInstance(authorityKey.encoded())));
            }
            ContentSigner cs = new JcaContentSignerBuilder(SIG_ALG).setProvider(provider).build(jcaPrivate(signer));
            return new JcaX509CertificateConverter().setProvider(provider).getCertificate(b.build(cs));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create certificate", e);
        }
    }

    /** True if {@code cert}'s SM3withSM2 signature verifies with {@code issuerKey}. */
    public boolean isSignedBy(X509Certificate cert, Sm2PublicKey issuerKey) {
        try {
            X509CertificateHolder h = new X509CertificateHolder(cert.getEncoded());
            return h.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(provider)
                    .build(jcaPublic(issuerKey)));
        } catch (IOException | OperatorCreationException | CertException | GeneralSecurityException
                | RuntimeException e) {
            return false; // unparsable or not an SM2 signature: not signed by this key
        }
    }

    /** Reads a "CERTIFICATE" PEM block. */
    public X509Certificate fromPem(String pem) {
        PemObject obj = PemBlocks.read(pem, "CERTIFICATE");
        try {
            return new JcaX509CertificateConverter().setProvider(provider)
                    .getCertificate(new X509CertificateHolder(obj.getContent()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CryptoFormatException("malformed certificate", e);
        }
    }

    public static String toPem(X509Certificate cert) {
        try {
            return PemBlocks.write(new PemObject("CERTIFICATE", cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The certificate's SM2 public key; fails for any other key type. */
    public static Sm2PublicKey publicKey(X509Certificate cert) {
        try {
            return Sm2PublicKey.fromInfo(
                    new X509CertificateHolder(cert.getEncoded()).getSubjectPublicKeyInfo());
        } catch (CertificateEncodingException | IOException e) {
            throw new CryptoFormatException("malformed certificate", e);
        }
    }

    private PrivateKey jcaPrivate(Sm2PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(key.encoded()));
    }

    private PublicKey jcaPublic(Sm2PublicKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(key.encoded()));
    }
}
