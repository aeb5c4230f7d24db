package dev.fapiao.node.replication;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Organisations' CAs and identities like cryptogen makes them (ECDSA P-256), for the TLS tests. */
final class TestPki {

    /** One organisation's signing CA. */
    record Ca(String msp, KeyPair key, X509Certificate cert) {

        /** An identity of this organisation: its certificate and PKCS#8 key as PEM files in {@code dir}. */
        Identity issue(String cn, Path dir) throws Exception {
            KeyPair k = ecKey();
            X509Certificate c = sign(new X500Name("CN=" + cn + ",O=" + msp), k, X500Name.getInstance(
                    cert.getSubjectX500Principal().getEncoded()), key, false);
            Path certFile = dir.resolve(cn + "-cert.pem");
            Path keyFile = dir.resolve(cn + "-key.pem");
            Files.writeString(certFile, pem("CERTIFICATE", c.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", k.getPrivate().getEncoded()));
            return new Identity(certFile, keyFile);
        }

        String rootPem() throws Exception {
            return TestPki.pem("CERTIFICATE", cert.getEncoded());
        }
    }

    record Identity(Path certificate, Path privateKey) {
    }

    private TestPki() {
    }

    static Ca ca(String msp) throws Exception {
        KeyPair k = ecKey();
        X500Name name = new X500Name("CN=ca." + msp.toLowerCase() + ",O=" + msp);
        return new Ca(msp, k, sign(name, k, name, k, true));
    }

    /** A trust file naming {@code orderer} as the orderer MSP and every CA as an MSP root. */
    static void trustFile(Path file, Ca orderer, Ca... members) throws Exception {
        StringBuilder msps = new StringBuilder("\"" + orderer.msp() + "\": {\"rootCerts\": [" + json(orderer.rootPem()) + "]}");
        for (Ca m : members) {
            msps.append(", \"").append(m.msp()).append("\": {\"rootCerts\": [").append(json(m.rootPem())).append("]}");
        }
        // the periods and endorsement rule as scripts/net/trust.sh writes them (the strict reader wants all)
        StringBuilder names = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (Ca m : members) {
            names.append(names.isEmpty() ? "" : ", ").append('"').append(m.msp()).append('"');
            history.append(history.isEmpty() ? "" : ", ").append("{\"org\": \"").append(m.msp()).append("\", \"msp\": \"")
                    .append(m.msp()).append("\", \"rootCerts\": [").append(json(m.rootPem()))
                    .append("], \"fromBlock\": 0, \"toBlock\": null}");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "{\"version\": 1, \"channel\": \"invoices\", \"ordererMsps\": [\"" + orderer.msp()
                + "\"], \"requiredEndorsers\": [], \"msps\": {" + msps + "}, \"endorsement\": {\"rule\": \""
                + "MAJORITY Endorsement\", \"members\": [" + names + "], \"quorum\": " + (members.length / 2 + 1)
                + "}, \"configBlock\": 0, \"history\": [" + history + "]}");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String json(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
                                        boolean ca) throws Exception {
        long now = System.currentTimeMillis();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now).shiftLeft(8).add(BigInteger.valueOf(
                (long) (Math.random() * 255))), new Date(now - 60_000), new Date(now + 86_400_000L), subject,
                subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static void touchLater(Path file) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 2_000));
    }
}
