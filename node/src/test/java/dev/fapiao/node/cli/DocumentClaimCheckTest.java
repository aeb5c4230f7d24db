package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.document.DocumentClaims;
import dev.fapiao.node.document.TestSeals;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.proof.RetentionProof;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** verify-proof's document-check: the bundle's claim against the document alone. */
class DocumentClaimCheckTest {

    private static RetentionProof.DocumentClaim claimOf(byte[] doc) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return json.treeToValue(DocumentClaims.claim(DocumentReaders.create().check(doc)), RetentionProof.DocumentClaim.class);
    }

    @Test
    void aTrueClaimPassesAndAnotherDocumentFails() throws Exception {
        TestSeals.Authority a = TestSeals.authority("cli claim test");
        byte[] doc = TestSeals.sealedOfd(TestSeals.parts(), a, Instant.now());
        RetentionProof.DocumentClaim claim = claimOf(doc);
        CheckResult ok = DocumentClaimCheck.check(claim, doc, TrustedSeals.of(List.of(a.caDer())));
        assertTrue(ok.passed(), ok.toString());
        assertTrue(ok.reason().contains("VALID signer TRUSTED"), ok.reason());

        // one part changed after sealing: its hash no longer matches the signed check value
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var zin = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(doc))) {
            for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                entries.put(e.getName(), zin.readAllBytes());
            }
        }
        entries.put("Doc_0/Document.xml", TestSeals.utf8("<changed/>"));
        CheckResult bad = DocumentClaimCheck.check(claim, TestSeals.zip(entries), TrustedSeals.none());
        assertFalse(bad.passed(), bad.toString());
        assertTrue(bad.reason().contains("modified parts: claimed [], found [Doc_0/Document.xml]"), bad.reason());

        CheckResult unreadable = DocumentClaimCheck.check(claim, "not a document".getBytes(), TrustedSeals.none());
        assertFalse(unreadable.passed());
        assertTrue(unreadable.reason().contains("cannot be read (UNSUPPORTED_FORMAT)"), unreadable.reason());
    }

    @Test
    void theVerifiersCrlsAreReportedNotComparedWithTheNodesClaim(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestSeals.Authority a = TestSeals.authority("cli crl test");
        Instant signedAt = Instant.now();
        byte[] doc = TestSeals.sealedOfd(TestSeals.parts(), a, signedAt);
        RetentionProof.DocumentClaim claim = claimOf(doc);
        java.nio.file.Files.write(dir.resolve("ca.der"), a.caDer());
        java.nio.file.Files.write(dir.resolve("ca.crl"),
                TestSeals.crl(a, signedAt, java.util.Map.of(a.signer(), signedAt.minusSeconds(30))));
        CheckResult r = DocumentClaimCheck.check(claim, doc, TrustedSeals.load(dir));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.reason().contains("VALID signer REVOKED"), r.reason());
    }
}
