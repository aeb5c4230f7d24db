package dev.fapiao.chaincode;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests: caller identities (P-256) and SM2 certificates. */
final class TestCerts {

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private TestCerts() {
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed P-256 certificate with the given subject (e.g. {@code CN=Admin,OU=admin,O=Org}). */
    static X509Certificate identity(String subject) {
        KeyPair kp = ecKeyPair("secp256r1");
        return selfSigned(subject, kp.getPublic(), kp.getPrivate(), "SHA256withECDSA");
    }

    static X509Certificate selfSigned(String subject, PublicKey subjectKey, PrivateKey signer, String algorithm) {
        try {
            X500Name name = new X500Name(subject);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                    new Date(System.currentTimeMillis() - 86_400_000L),
                    new Date(System.currentTimeMillis() + 86_400_000L * 365), name, subjectKey);
            return new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm)
                            .setProvider(BouncyCastleProvider.PROVIDER_NAME).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
