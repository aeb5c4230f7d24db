package dev.fapiao.gateway;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 development certificate for localhost / 127.0.0.1 / ::1,
 * generated once into {@code <dataDir>/tls/} (cert.pem, key.pem PKCS#8). Clients trust
 * it with {@code curl --cacert <dataDir>/tls/cert.pem}.
 */
final class DevTls {

    private DevTls() {
    }

    public record Files2(Path cert, Path key) {}

    public static Files2 ensure(Path dir) throws IOException {
        return ensure(dir, "127.0.0.1");
    }

    /** As {@link #ensure(Path)}; {@code host}, when another loopback IP literal, is one more subject name. */
    public static Files2 ensure(Path dir, String host) throws IOException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return new Files2(cert, key);
        }
        Files.createDirectories(dir);
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = gen.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost,O=Fapiao Ledger Archive (development)");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))),
                    name, kp.getPublic());
            java.util.List<GeneralName> names = new java.util.ArrayList<>(java.util.List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())));
            if (host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") && !host.equals("127.0.0.1")) {
                names.add(new GeneralName(GeneralName.iPAddress, host));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            // self-signed leaf that is also its own trust anchor (curl --cacert)
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            Path keyTmp = dir.resolve("key.pem.tmp");
            Files.writeString(keyTmp, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(keyTmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
            Files.move(keyTmp, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(cert, pem("CERTIFICATE", holder.getEncoded()));
            return new Files2(cert, key);
        } catch (java.security.GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the development TLS certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject(label, der));
        }
        return out.toString();
    }
}
