package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2Certificates;
import dev.fapiao.node.document.TestSeals;
import dev.fapiao.node.invoice.InvoiceTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckDocumentCommandTest {
    private static final Path INVOICES = InvoiceTestSupport.sharedTestData().resolve("invoices");

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void theTamperedOfdExitsOneNamingTheModifiedPart() {
        CliRun r = run("check-document", INVOICES.resolve("cn-ofd/发票示例.ofd").toString());
        assertEquals(ExitCodes.INVALID, r.code(), r.toString());
        assertTrue(r.out().contains("FAIL  part Doc_0/Document.xml: sm3 "), r.out());
        assertTrue(r.out().contains("PASS  part OFD.xml: sm3 4535eb29d34914f331ec492463388ec46edb0e90a10b544892169c808001774d"),
                r.out());
        assertTrue(r.out().contains("PASS  signature Doc_0/Signs/Sign_0/Signature.xml: GB/T 38540"), r.out());
        assertTrue(r.out().contains("INFO  field number: 99999951"), r.out());
        assertEquals("check-document: FAILED part Doc_0/Document.xml: ", r.err().lines().findFirst().orElseThrow()
                .replaceAll("sm3 .*", ""));
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void aUblInvoicePasses() {
        CliRun r = run("check-document", INVOICES.resolve("peppol-bis3/base-example.xml").toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("PASS  format: UBL 2.1"), r.out());
        assertTrue(r.out().contains("INFO  field totalWithTax: 1656.25"), r.out());
        assertTrue(r.out().strip().endsWith("result: all checks pass"), r.out());
    }

    @Test
    void aSealedOfdPassesWithItsCaTrustedAndFailsWithAnother() throws IOException {
        TestSeals.Authority ca = TestSeals.authority("CLI Test Seal CA");
        Path ofd = Files.write(dir.resolve("sealed.ofd"), TestSeals.sealedOfd(TestSeals.parts(), ca, Instant.now()));
        Path trust = Files.createDirectory(dir.resolve("trust"));
        Files.writeString(trust.resolve("ca.pem"), Sm2Certificates.toPem(ca.ca()));

        CliRun ok = run("check-document", ofd.toString(), "--trust-seals", trust.toString());
        assertEquals(ExitCodes.OK, ok.code(), ok.toString());
        assertTrue(ok.out().contains("PASS  signature Doc_0/Signs/Sign_0/Signature.xml signer: TRUSTED"), ok.out());

        Path other = Files.createDirectory(dir.resolve("other"));
        Files.write(other.resolve("other.der"), TestSeals.authority("Other CA").caDer());
        CliRun bad = run("check-document", ofd.toString(), "--trust-seals", other.toString());
        assertEquals(ExitCodes.INVALID, bad.code(), bad.toString());
        assertTrue(bad.err().contains("FAILED signature Doc_0/Signs/Sign_0/Signature.xml signer: UNTRUSTED"), bad.err());
    }

    @Test
    void unusableInputExitsTwoWithOneLine() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.bin"), "not a document");
        CliRun r = run("check-document", junk.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unusable document (UNSUPPORTED_FORMAT)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        Path bomb = Files.writeString(dir.resolve("bomb.xml"), "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>");
        CliRun b = run("check-document", bomb.toString());
        assertEquals(ExitCodes.USAGE, b.code());
        assertTrue(b.err().contains("unusable document (DTD_REFUSED)"), b.err());

        CliRun missing = run("check-document", dir.resolve("nope.ofd").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun noCa = run("check-document", junk.toString(), "--trust-seals", empty.toString());
        assertEquals(ExitCodes.USAGE, noCa.code());
        assertTrue(noCa.err().contains("no certificate"), noCa.err());
    }

    @Test
    void aCrlInTheTrustDirectoryRevokesAndAMalformedOneIsUnusable() throws IOException {
        TestSeals.Authority ca = TestSeals.authority("CLI Revoking CA");
        Instant now = Instant.now();
        Path ofd = Files.write(dir.resolve("sealed.ofd"), TestSeals.sealedOfd(TestSeals.parts(), ca, now));
        Path trust = Files.createDirectory(dir.resolve("trust"));
        Files.write(trust.resolve("ca.der"), ca.caDer());
        Files.write(trust.resolve("ca.crl"), TestSeals.crl(ca, now, java.util.Map.of(ca.signer(), now.minusSeconds(60))));
        TestSeals.Authority foreign = TestSeals.authority("Foreign CA");
        Files.write(trust.resolve("foreign.crl"), TestSeals.crl(foreign, now, java.util.Map.of()));

        CliRun r = run("check-document", ofd.toString(), "--trust-seals", trust.toString());
        assertEquals(ExitCodes.INVALID, r.code(), r.toString());
        assertTrue(r.err().contains("FAILED signature Doc_0/Signs/Sign_0/Signature.xml signer: REVOKED: signer: "), r.err());
        assertTrue(r.out().contains("INFO  crl: ignored foreign.crl (CN=Foreign CA,O=Fapiao test): not signed by a trusted"),
                r.out());

        Files.writeString(trust.resolve("broken.crl"), "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
        CliRun bad = run("check-document", ofd.toString(), "--trust-seals", trust.toString());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("broken.crl: not an X.509 CRL"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }
}
