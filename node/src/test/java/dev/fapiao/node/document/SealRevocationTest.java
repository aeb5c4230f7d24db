package dev.fapiao.node.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2Certificates;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.document.readers.DocumentReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs in the trusted seal directory (docs/documents.md, "Trust"): made with TestSeals' own CA. */
class SealRevocationTest {
    @TempDir
    Path dir;
    TestSeals.Authority ca;
    Instant now;

    @BeforeEach
    void ca() throws IOException {
        ca = TestSeals.authority("Revoking Seal CA");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Files.write(dir.resolve("ca.der"), ca.caDer());
    }

    private SignatureCheck seal(Instant signedAt, Clock clock) {
        byte[] ofd = TestSeals.sealedOfd(TestSeals.parts(), ca, signedAt);
        DocumentCheck c = DocumentReaders.create(DocumentLimits.defaults(), TrustedSeals.load(dir, clock)).check(ofd);
        assertEquals(1, c.signatures().size());
        assertEquals(SignatureCheck.Verdict.VALID, c.signatures().get(0).value(), c.signatures().get(0).valueDetail());
        return c.signatures().get(0);
    }

    private SignatureCheck seal(Instant signedAt) {
        return seal(signedAt, Clock.systemUTC());
    }

    private void crl(String file, Instant thisUpdate, Map<X509Certificate, Instant> revoked) throws IOException {
        Files.write(dir.resolve(file), TestSeals.crl(ca, thisUpdate, revoked));
    }

    @Test
    void aSignerRevokedBeforeTheSigningTimeIsRevoked() throws IOException {
        Instant revokedAt = now.minus(Duration.ofMinutes(2));
        crl("ca.crl", now, Map.of(ca.signer(), revokedAt));
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(1)));
        assertEquals(Trust.Status.REVOKED, s.trust().status(), s.trust().reason());
        String why = s.trust().reason();
        assertTrue(why.startsWith("signer: "), why);
        assertTrue(why.contains("revoked " + revokedAt) && why.contains("keyCompromise"), why);
        assertTrue(why.contains("CRL of CN=Revoking Seal CA,O=Fapiao test"), why);
        assertFalse(s.passed());
        DocumentCheck c = DocumentReaders.create(DocumentLimits.defaults(), TrustedSeals.load(dir))
                .check(TestSeals.sealedOfd(TestSeals.parts(), ca, now.minus(Duration.ofMinutes(1))));
        assertFalse(c.passed());
        assertTrue(c.failures().stream().anyMatch(f -> f.name().endsWith(" signer") && f.detail().startsWith("REVOKED: ")),
                c.failures().toString());
    }

    @Test
    void revokedExactlyAtTheSigningTimeIsRevoked() throws IOException {
        Instant t = now.minus(Duration.ofMinutes(1));
        crl("ca.crl", now, Map.of(ca.signer(), t));
        assertEquals(Trust.Status.REVOKED, seal(t).trust().status());
    }

    @Test
    void aSealMakerRevokedBeforeTheSigningTimeIsRevoked() throws IOException {
        crl("ca.crl", now, Map.of(ca.maker(), now.minus(Duration.ofMinutes(2))));
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(1)));
        assertEquals(Trust.Status.REVOKED, s.trust().status(), s.trust().reason());
        assertTrue(s.trust().reason().startsWith("seal maker: CN=seal maker"), s.trust().reason());
    }

    @Test
    void revokedAfterTheSigningTimeIsStillTrustedAndSaysSo() throws IOException {
        Instant revokedAt = now.minus(Duration.ofMinutes(1));
        crl("ca.crl", now, Map.of(ca.signer(), revokedAt));
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(3)));
        assertEquals(Trust.Status.TRUSTED, s.trust().status(), s.trust().reason());
        assertTrue(s.trust().reason().contains("revoked later") && s.trust().reason().contains(revokedAt.toString()),
                s.trust().reason());
        assertTrue(s.passed());
    }

    @Test
    void aCrlThatDoesNotListTheCertificatesSaysSo() throws IOException {
        TestSeals.Authority other = TestSeals.authority("Revoking Seal CA");
        crl("ca.crl", now, Map.of(other.signer(), now.minus(Duration.ofMinutes(2)))); // another serial
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(1)));
        assertEquals(Trust.Status.TRUSTED, s.trust().status(), s.trust().reason());
        assertTrue(s.trust().reason().contains("not revoked per its CRL of " + now), s.trust().reason());
        // a CRL older than the signing time cannot speak for the time between
        SignatureCheck late = seal(now.plus(Duration.ofMinutes(1)));
        assertTrue(late.trust().reason().contains("later revocations unknown"), late.trust().reason());
    }

    @Test
    void withoutACrlRevocationIsNotChecked() {
        SignatureCheck s = seal(now);
        assertEquals(Trust.Status.TRUSTED, s.trust().status());
        assertTrue(s.trust().reason().contains("revocation not checked (no CRL of that CA)"), s.trust().reason());
    }

    @Test
    void aCrlSignedByAForeignCaOfTheSameNameIsIgnored() throws IOException {
        // same issuer name, another key: only the signature tells them apart
        Sm2KeyPair foreignKey = Sm2KeyPair.generate();
        X509Certificate foreign = TestSeals.CERTS.selfSigned(foreignKey.privateKey(), "CN=Revoking Seal CA,O=Fapiao test",
                Duration.ofDays(30));
        Files.write(dir.resolve("foreign.crl"), TestSeals.crl(foreignKey, foreign, now,
                Map.of(ca.signer(), now.minus(Duration.ofMinutes(2)))));
        TrustedSeals trusted = TrustedSeals.load(dir);
        assertEquals(1, trusted.ignoredCrls().size(), trusted.ignoredCrls().toString());
        assertTrue(trusted.ignoredCrls().get(0).startsWith("foreign.crl (CN=Revoking Seal CA,O=Fapiao test): not signed"),
                trusted.ignoredCrls().toString());
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(1)));
        assertEquals(Trust.Status.TRUSTED, s.trust().status(), s.trust().reason());
        assertTrue(s.trust().reason().contains("no CRL of that CA"), s.trust().reason());
    }

    @Test
    void aCrlOfAnotherSignatureAlgorithmIsIgnoredAndSaysWhy() throws IOException {
        org.bouncycastle.asn1.x509.CertificateList sm2 = org.bouncycastle.asn1.x509.CertificateList.getInstance(
                TestSeals.crl(ca, now, Map.of(ca.signer(), now.minus(Duration.ofMinutes(2)))));
        var ecdsa = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
        Files.write(dir.resolve("ecdsa.crl"), new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            sm2.getTBSCertList(), ecdsa, sm2.getSignature()}).getEncoded());
        TrustedSeals trusted = TrustedSeals.load(dir);
        assertEquals(java.util.List.of("ecdsa.crl (CN=Revoking Seal CA,O=Fapiao test): signed with 1.2.840.10045.4.3.2,"
                + " only SM3withSM2 is supported"), trusted.ignoredCrls());
        assertEquals(Trust.Status.TRUSTED, seal(now.minus(Duration.ofMinutes(1))).trust().status());
    }

    @Test
    void aCrlSignedByAnotherTrustedCaDoesNotRevokeThisCasCertificates() throws IOException {
        TestSeals.Authority second = TestSeals.authority("Second Seal CA");
        Files.write(dir.resolve("second.der"), second.caDer());
        // the serial numbers of this CA's signer, on the other CA's list: a different certificate
        Files.write(dir.resolve("second.crl"), TestSeals.crl(second, now, Map.of(ca.signer(), now.minus(Duration.ofHours(1)))));
        SignatureCheck s = seal(now.minus(Duration.ofMinutes(1)));
        assertEquals(Trust.Status.TRUSTED, s.trust().status(), s.trust().reason());
    }

    @Test
    void aCrlFromTheFutureDoesNotCountUntilItsThisUpdate() throws IOException {
        Instant thisUpdate = now.plus(Duration.ofHours(1));
        crl("ca.crl", thisUpdate, Map.of(ca.signer(), now.minus(Duration.ofMinutes(2))));
        Instant signedAt = now.minus(Duration.ofMinutes(1));
        assertEquals(Trust.Status.TRUSTED, seal(signedAt, Clock.fixed(now, ZoneOffset.UTC)).trust().status());
        assertEquals(Trust.Status.REVOKED,
                seal(signedAt, Clock.fixed(thisUpdate.plusSeconds(1), ZoneOffset.UTC)).trust().status());
    }

    @Test
    void aPemCrlCountsToo() throws IOException {
        byte[] der = TestSeals.crl(ca, now, Map.of(ca.signer(), now.minus(Duration.ofMinutes(2))));
        Files.writeString(dir.resolve("ca.crl"), "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END X509 CRL-----\n");
        assertEquals(Trust.Status.REVOKED, seal(now.minus(Duration.ofMinutes(1))).trust().status());
    }

    @Test
    void aMalformedCrlFileIsRefusedAtLoadNamingIt() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.crl"), "not a CRL at all");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedSeals.load(dir));
        assertTrue(e.getMessage().startsWith(junk + ": not an X.509 CRL"), e.getMessage());

        byte[] der = TestSeals.crl(ca, now, Map.of(ca.signer(), now));
        Files.write(junk, Arrays.copyOf(der, der.length - 10)); // truncated
        e = assertThrows(IllegalArgumentException.class, () -> TrustedSeals.load(dir));
        assertTrue(e.getMessage().startsWith(junk + ": not an X.509 CRL"), e.getMessage());

        Files.write(junk, ca.caDer()); // a certificate is not a CRL
        e = assertThrows(IllegalArgumentException.class, () -> TrustedSeals.load(dir));
        assertTrue(e.getMessage().startsWith(junk + ": "), e.getMessage());

        Files.writeString(junk, Sm2Certificates.toPem(ca.ca())); // PEM without a CRL block
        e = assertThrows(IllegalArgumentException.class, () -> TrustedSeals.load(dir));
        assertEquals(junk + ": no X509 CRL block", e.getMessage());
    }
}
