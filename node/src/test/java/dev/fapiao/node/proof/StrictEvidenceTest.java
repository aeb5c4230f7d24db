package dev.fapiao.node.proof;

import static dev.fapiao.node.proof.RetentionProofVerifierTest.BUNDLE;
import static dev.fapiao.node.proof.RetentionProofVerifierTest.DOCUMENT;
import static dev.fapiao.node.proof.RetentionProofVerifierTest.JSON;
import static dev.fapiao.node.proof.RetentionProofVerifierTest.TRUST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strict parsing of bundles and trust files (docs/retention-proof.md, "Parsing"): each class of
 * the lenient reader's mistakes refused with the member named, the signature checked over the
 * JSON received, and the consistency, history and endorsement-quorum checks.
 */
class StrictEvidenceTest {
    final RetentionProofVerifier verifier = new RetentionProofVerifier(TrustAnchors.parse(TRUST));

    private String malformed(String bundle) {
        return assertThrows(MalformedProofException.class, () -> verifier.verify(bundle, null)).getMessage();
    }

    /** The compact recorded bundle with {@code from} replaced once by {@code to}, in the text. */
    private static String text(String from, String to) throws Exception {
        String compact = JSON.readTree(BUNDLE).toString();
        assertTrue(compact.contains(from), from);
        return compact.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void duplicateMembersAreRefusedByPath() throws Exception {
        assertEquals("not a retention proof bundle: duplicate member seal.retainUntil",
                malformed(text("\"retainUntil\":", "\"retainUntil\":\"2099-12-31\",\"retainUntil\":")));
        assertEquals("not a retention proof bundle: duplicate member status.status",
                malformed(text("\"status\":\"DELIVERED\"", "\"status\":\"ISSUED\",\"status\":\"DELIVERED\"")));
        String trust = JSON.readTree(TRUST).toString().replaceFirst("\\{", "{\"channel\":\"x\",");
        assertEquals("trust file: duplicate member channel",
                assertThrows(MalformedProofException.class, () -> TrustAnchors.parse(trust)).getMessage());
    }

    @Test
    void wrongTypesAndNumberSyntaxAreRefusedByPath() throws Exception {
        assertTrue(malformed(text("\"legalHold\":false", "\"legalHold\":\"false\""))
                .startsWith("not a retention proof bundle: status.legalHold: must be a boolean"));
        assertTrue(malformed(text("\"legalHold\":false", "\"legalHold\":0")).contains("status.legalHold"));
        String leaf = "\"leafIndex\":" + JSON.readTree(BUNDLE).at("/inclusion/leafIndex");
        assertTrue(malformed(text(leaf, leaf.replace(":", ":\"") + "\""))
                .contains("inclusion.leafIndex: must be an integer"));
        assertTrue(malformed(text(leaf, leaf + ".0")).contains("inclusion.leafIndex: must be an integer"));
        assertTrue(malformed(text("\"version\":2", "\"version\":2.0")).contains("version: must be an integer"));
        long n = JSON.readTree(BUNDLE).at("/invoice/documentSize").asLong();
        String size = "\"documentSize\":" + n;
        assertTrue(malformed(text(size, "\"documentSize\":" + n / 1000.0 + "e3"))
                .contains("invoice.documentSize: must be an integer"));
        assertTrue(malformed(text(size, "\"documentSize\":9007199254740992"))
                .contains("invoice.documentSize"), "beyond 2^53 - 1");
        assertTrue(malformed(BUNDLE + " {}").contains("text after the JSON value"));
        assertTrue(malformed("\uFEFF" + BUNDLE).startsWith("not a retention proof bundle"));
    }

    @Test
    void missingAndUnknownMembersAreRefusedByPath() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode noGeneratedAt = t.deepCopy();
        noGeneratedAt.remove("generatedAt");
        assertEquals("not a retention proof bundle: generatedAt: missing", malformed(noGeneratedAt.toString()));
        ObjectNode noEnterprise = t.deepCopy();
        ((ObjectNode) noEnterprise.get("seal")).remove("enterprise");
        assertEquals("not a retention proof bundle: seal.enterprise: missing", malformed(noEnterprise.toString()));
        ObjectNode noReason = t.deepCopy();
        ((ObjectNode) noReason.at("/status/history/1")).remove("reason");
        assertEquals("not a retention proof bundle: status.history[1].reason: missing", malformed(noReason.toString()));
        ObjectNode nullTx = t.deepCopy();
        ((ObjectNode) nullTx.get("anchoring")).putNull("txId");
        assertEquals("not a retention proof bundle: anchoring.txId: must not be null", malformed(nullTx.toString()));
        ObjectNode unknown = t.deepCopy();
        ((ObjectNode) unknown.get("seal")).put("comment", "x");
        assertEquals("not a retention proof bundle: unknown member seal.comment", malformed(unknown.toString()));
        ObjectNode trust = (ObjectNode) JSON.readTree(TRUST);
        trust.put("comment", "x");
        assertEquals("trust file: unknown member comment", assertThrows(MalformedProofException.class,
                () -> TrustAnchors.parse(trust.toString())).getMessage());
        ObjectNode trustNoQuorum = (ObjectNode) JSON.readTree(TRUST);
        ((ObjectNode) trustNoQuorum.get("endorsement")).remove("quorum");
        assertEquals("trust file: endorsement.quorum: missing", assertThrows(MalformedProofException.class,
                () -> TrustAnchors.parse(trustNoQuorum.toString())).getMessage());
    }

    @Test
    void documentCheckIsAnOptionalObjectCoveredByTheSignature() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        t.set("documentCheck", JSON.readTree(RetentionProofDocumentClaimTest.CLAIM));
        assertEquals(List.of("bundle-signature"), verifier.verify(t.toString(), null).failed());
        t.put("documentCheck", "ok");
        assertTrue(malformed(t.toString()).contains("documentCheck: must be an object"));
    }

    @Test
    void theSignatureCoversTheCanonicalFormOfTheJsonReceived() throws Exception {
        // another member order, other whitespace and an escaped character: the same canonical JSON
        String reordered = "{\"signature\":" + JSON.readTree(BUNDLE).get("signature") + ","
                + JSON.readTree(BUNDLE).toString().substring(1).replace(",\"signature\":"
                        + JSON.readTree(BUNDLE).get("signature"), "");
        String escaped = reordered.replaceFirst("\"DELIVERED\"", "\"\\\\u0044ELIVERED\"");
        assertTrue(escaped.contains("\"\\u0044ELIVERED\""), escaped);
        String spaced = " \n" + escaped.replaceFirst("\\{", "{\n  ").replace(",\"seal\":", ",\n\t\"seal\" : ") + "\r\n";
        assertTrue(verifier.verify(spaced, null).passed(),
                () -> verifier.verify(escaped, null).checks().toString());
        byte[] compact = JSON.readTree(BUNDLE).toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(verifier.verify(new String(compact, StandardCharsets.UTF_8), DOCUMENT).passed());
    }

    @Test
    void theInvoiceFieldsAgreeWithTheIdAndTheDocument() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode issuer = t.deepCopy();
        ((ObjectNode) issuer.get("invoice")).put("issuer", "91350100M000100Y43");
        // the enterprise key's registration names the real issuer, too
        assertEquals(List.of("invoice-id", "registry-tx.write-set", "bundle-signature"),
                verifier.verify(issuer.toString(), null).failed());
        ObjectNode size = t.deepCopy();
        ((ObjectNode) size.get("invoice")).put("documentSize", t.at("/invoice/documentSize").asLong() + 1);
        assertEquals(List.of("document-size", "bundle-signature"), verifier.verify(size.toString(), DOCUMENT).failed());
        ObjectNode type = t.deepCopy();
        ((ObjectNode) type.get("invoice")).put("contentType", "application/pdf");
        assertEquals(List.of("content-type", "bundle-signature"), verifier.verify(type.toString(), DOCUMENT).failed());
    }

    @Test
    void theNodeKeyIsNoEnterpriseSeal() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ((ObjectNode) t.get("seal")).set("enterprise", t.at("/seal/node").deepCopy());
        List<String> failed = verifier.verify(t.toString(), null).failed();
        // nor is it the issuer's registered ENTERPRISE key
        assertEquals(List.of("enterprise-signature", "registry-tx.write-set", "enterprise-registration",
                "bundle-signature"), failed);
    }

    @Test
    void everyHistoryEntryIsBoundToACarriedBlock() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode extra = t.deepCopy();
        ObjectNode middle = ((ObjectNode) extra.at("/status/history/0")).deepCopy().put("txId", "ab".repeat(32));
        ((ArrayNode) extra.at("/status/history")).insert(1, middle);
        assertEquals(List.of("status-history", "bundle-signature"), verifier.verify(extra.toString(), null).failed());
        for (String[] change : new String[][] {{"reason", "other"}, {"mspId", "TaxAuthorityMSP"},
            {"timestamp", "2026-11-23T11:28:13.542387289Z"}, {"action", "ACCEPT"}}) {
            ObjectNode c = t.deepCopy();
            ((ObjectNode) c.at("/status/history/0")).put(change[0], change[1]);
            assertEquals(List.of("status-history", "bundle-signature"), verifier.verify(c.toString(), null).failed(),
                    change[0]);
            ObjectNode a = t.deepCopy();
            ((ObjectNode) a.at("/status/history/1")).put(change[0], change[1]);
            assertTrue(verifier.verify(a.toString(), null).failed().contains("status-history"), change[0]);
        }
    }

    private static ObjectNode threeMembers(int quorum) throws Exception {
        ObjectNode trust = (ObjectNode) JSON.readTree(TRUST);
        ObjectNode third = ((ObjectNode) trust.at("/history/0")).deepCopy().put("org", "auditor").put("msp", "AuditorMSP");
        ((ArrayNode) trust.get("history")).add(third);
        ((ObjectNode) trust.get("msps")).set("AuditorMSP", trust.at("/msps/TaxAuthorityMSP").deepCopy());
        ((ArrayNode) trust.at("/endorsement/members")).add("AuditorMSP");
        ((ObjectNode) trust.get("endorsement")).put("quorum", quorum);
        trust.putArray("requiredEndorsers");
        return trust;
    }

    @Test
    void distinctValidEndorsingMspsMeetTheQuorumOfThePeriod() throws Exception {
        assertTrue(new RetentionProofVerifier(TrustAnchors.parse(threeMembers(2).toString())).verify(BUNDLE, null)
                .passed(), "2 of 3 members endorsed: MAJORITY");
        assertEquals(List.of("anchor-tx.endorsements", "registry-tx.endorsements", "checkpoint-tx.endorsements",
                "status-tx.endorsements"),
                new RetentionProofVerifier(TrustAnchors.parse(threeMembers(3).toString())).verify(BUNDLE, null)
                        .failed(), "a quorum of 3");
        // EnterpriseServicesMSP joined after these blocks: its endorsements are no members'
        ObjectNode late = (ObjectNode) JSON.readTree(TRUST);
        ((ObjectNode) late.at("/history/1")).put("fromBlock", 1_000_000);
        List<String> failed = new RetentionProofVerifier(TrustAnchors.parse(late.toString())).verify(BUNDLE, null)
                .failed();
        assertTrue(failed.containsAll(List.of("anchor-tx.endorsements", "status-tx.endorsements")), failed.toString());
        // a member that has left since: its roots come from the history, the quorum from its period
        ObjectNode left = (ObjectNode) JSON.readTree(TRUST);
        ((ObjectNode) left.at("/history/1")).put("toBlock", 1_000_000);
        ((ObjectNode) left.get("msps")).remove("EnterpriseServicesMSP");
        ((ArrayNode) left.at("/endorsement/members")).remove(1);
        ((ObjectNode) left.get("endorsement")).put("quorum", 1);
        left.put("configBlock", 1_000_000).putArray("requiredEndorsers").add("TaxAuthorityMSP");
        TrustAnchors trust = TrustAnchors.parse(left.toString());
        assertEquals(2, trust.quorumAt(5));
        assertEquals(1, trust.quorumAt(1_000_000));
        assertTrue(new RetentionProofVerifier(trust).verify(BUNDLE, null).passed());
        ObjectNode rule = (ObjectNode) JSON.readTree(TRUST);
        ((ObjectNode) rule.get("endorsement")).put("rule", "ANY Endorsement");
        assertTrue(assertThrows(MalformedProofException.class, () -> TrustAnchors.parse(rule.toString()))
                .getMessage().startsWith("trust file: endorsement.rule"));
    }
}
