package dev.fapiao.node.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Sm2CertificatesTest {
    final Sm2Certificates certs = new Sm2Certificates(CryptoProviders.newBouncyCastle());

    @Test
    void selfSignedAndIssued() throws Exception {
        Sm2KeyPair ca = Sm2KeyPair.generate();
        X509Certificate caCert = certs.selfSigned(ca.privateKey(), "CN=Fapiao Test CA,O=测试", Duration.ofDays(30));
        assertEquals("1.2.156.10197.1.501", caCert.getSigAlgOID());
        assertEquals(ca.publicKey(), Sm2Certificates.publicKey(caCert));
        assertTrue(certs.isSignedBy(caCert, ca.publicKey()));
        assertTrue(caCert.getBasicConstraints() >= 0);

        Sm2KeyPair node = Sm2KeyPair.generate();
        X509Certificate nodeCert = certs.issue(ca.privateKey(), caCert, node.publicKey(), "CN=node-1,O=Example",
                Duration.ofDays(10), false);
        assertTrue(certs.isSignedBy(nodeCert, ca.publicKey()));
        assertFalse(certs.isSignedBy(nodeCert, node.publicKey()));
        assertEquals(caCert.getSubjectX500Principal(), nodeCert.getIssuerX500Principal());
        assertEquals(-1, nodeCert.getBasicConstraints());
        nodeCert.checkValidity();

        X509Certificate back = certs.fromPem(Sm2Certificates.toPem(nodeCert));
        assertEquals(nodeCert, back);
        assertEquals(node.publicKey(), Sm2Certificates.publicKey(back));
        assertThrows(IllegalArgumentException.class, () -> certs.issue(node.privateKey(), caCert, node.publicKey(),
                "CN=x", Duration.ofDays(1), false));
    }

    @Test
    void badCertificatePem() {
        assertThrows(CryptoFormatException.class, () -> certs.fromPem("nothing"));
        assertThrows(CryptoFormatException.class, () -> certs.fromPem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }
}
