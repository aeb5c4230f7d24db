package dev.fapiao.node.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.evidence.TrustAnchors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key record rules of {@code registry-tx.write-set} and {@code enterprise-registration}, one class each. */
class EnterpriseRegistrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final RetentionProof p = RetentionProof.parse(RetentionProofVerifierTest.BUNDLE);
    final Signer e = p.seal().enterprise();

    private ObjectNode record() {
        return JSON.createObjectNode().put("keyId", e.keyId()).put("ownerCode", p.invoice().issuer())
                .put("kind", "ENTERPRISE").put("publicKey", e.publicKey()).put("userId", "1234567812345678")
                .put("validFrom", p.seal().issueTime()).putNull("validTo").putNull("revokedAt");
    }

    private String problem(ObjectNode r) {
        return EnterpriseRegistration.recordProblem(p, e, r);
    }

    @Test
    void theRecordedBundleCarriesAnEnterpriseSealAndItsRegistration() {
        assertNotNull(e);
        assertNotNull(p.enterpriseRegistration());
        assertEquals(RetentionProof.VERSION, p.version());
        assertNull(problem(record()), "valid from exactly the issue time, open-ended");
    }

    @Test
    void eachRuleOfTheKeyRecord() {
        assertTrue(problem(record().put("kind", "NODE")).contains("not ENTERPRISE"));
        assertTrue(problem(record().put("ownerCode", "91350100M000100Y43")).contains("not the issuer"));
        assertTrue(problem(record().put("keyId", "ab".repeat(32))).contains("the record is of key"));
        assertTrue(problem(record().put("publicKey", p.seal().node().publicKey())).contains("registered public key"));
        assertTrue(problem(record().put("publicKey", "not a key")).contains("unusable public key"));
        assertTrue(problem(record().put("userId", "other")).contains("user ID"));
        assertNull(problem((ObjectNode) record().without("userId")), "absent user ID: the default");
        assertTrue(problem(record().put("validFrom", "2099-01-01T00:00:00Z")).contains("after the issue time"));
        assertTrue(problem(record().put("validTo", p.seal().issueTime())).contains("validTo"), "ends at the issue time");
        assertNull(problem(record().put("validTo", "2099-01-01T00:00:00Z")));
        assertTrue(problem(record().put("revokedAt", "2000-01-01T00:00:00Z")).contains("revokedAt"));
        assertTrue(problem(record().put("validFrom", "yesterday")).contains("unreadable validity"));
    }

    @Test
    void evidenceAndSealGoTogetherAndTheRegistrationPrecedesTheAnchoring() {
        var trust = TrustAnchors.parse(RetentionProofVerifierTest.TRUST);
        RetentionProof noEvidence = new RetentionProof(p.version(), p.invoiceId(), p.generatedAt(), p.invoice(),
                p.seal(), p.anchoring(), p.inclusion(), p.checkpoint(), p.status(), p.retention(), p.renewals(),
                p.signature(), p.documentCheck(), null);
        assertEquals(List.of("enterprise-registration"), names(EnterpriseRegistration.check(noEvidence, trust)));
        RetentionProof late = new RetentionProof(p.version(), p.invoiceId(), p.generatedAt(), p.invoice(),
                p.seal(), p.anchoring(), p.inclusion(), p.checkpoint(), p.status(), p.retention(), p.renewals(),
                p.signature(), p.documentCheck(), p.status().evidence());
        List<CheckResult> r = EnterpriseRegistration.check(late, trust);
        CheckResult last = r.get(r.size() - 1);
        assertEquals("enterprise-registration", last.name());
        assertTrue(!last.passed() && last.reason().contains("not before the anchoring"), last.reason());
        assertTrue(EnterpriseRegistration.check(p, trust).stream().allMatch(CheckResult::passed));
    }

    private static List<String> names(List<CheckResult> r) {
        return r.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }
}
