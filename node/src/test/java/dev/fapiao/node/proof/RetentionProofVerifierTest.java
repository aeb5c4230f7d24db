package dev.fapiao.node.proof;

import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.FabricEvidence;
import dev.fapiao.node.evidence.BlockEvidence;
import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.junit.jupiter.api.Test;

/**
 * Offline verification of a real bundle recorded from the network by RetentionProofIT
 * ({@code -Dfapiao.writeProofFixture=true}): public material only, no network needed.
 */
class RetentionProofVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A DELIVERED invoice: anchored, then one transition (so {@code status.evidence} is present). */
    static final String BUNDLE = resource("bundle.json");
    static final String TRUST = resource("trust.json");
    static final byte[] DOCUMENT = bytes("document.xml");
    /** An invoice issued 16 years before the recording, disposed after its 15-year retention period. */
    static final String DISPOSED = resource("disposed-bundle.json");
    static final byte[] DISPOSED_DOCUMENT = bytes("disposed-document.xml");
    final RetentionProofVerifier verifier = new RetentionProofVerifier(TrustAnchors.parse(TRUST));

    static byte[] bytes(String name) {
        try (InputStream in = RetentionProofVerifierTest.class.getResourceAsStream("/proof/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The checks of a version 1 bundle with a transition and no enterprise seal, as before version 2. */
    static final List<String> V1_CHECKS = List.of("document-hash", "document-size", "content-type", "invoice-id",
            "metadata-hash", "node-seal",
            "anchor-block.data-hash", "anchor-block.number", "anchor-block.orderer-signature", "anchor-tx.header",
            "anchor-tx.creator-signature", "anchor-tx.endorsements", "anchor-tx.write-set",
            "anchor-tx.validation-flag", "merkle-inclusion", "checkpoint-signature",
            "checkpoint-block.data-hash", "checkpoint-block.number", "checkpoint-block.orderer-signature",
            "checkpoint-tx.header", "checkpoint-tx.creator-signature", "checkpoint-tx.endorsements",
            "checkpoint-tx.write-set", "checkpoint-tx.validation-flag",
            "status-block.data-hash", "status-block.number", "status-block.orderer-signature", "status-tx.header",
            "status-tx.creator-signature", "status-tx.endorsements", "status-tx.write-set",
            "status-tx.validation-flag", "status-latest", "status-history", "retention", "renewals", "bundle-signature");

    @Test
    void aVersion1BundleVerifiesExactlyAsBefore() {
        var v1 = new RetentionProofVerifier(TrustAnchors.parse(resource("v1-trust.json")));
        VerificationReport r = v1.verify(resource("v1-bundle.json"), bytes("v1-document.xml"));
        assertTrue(r.passed(), () -> r.checks().toString());
        assertEquals(V1_CHECKS, r.checks().stream().map(CheckResult::name).toList());
    }

    @Test
    void recordedBundlePassesEveryCheck() {
        VerificationReport r = verifier.verify(BUNDLE, DOCUMENT);
        assertTrue(r.passed(), () -> r.checks().toString());
        assertEquals(List.of("document-hash", "document-size", "content-type", "invoice-id", "metadata-hash", "node-seal",
                "enterprise-signature",
                "anchor-block.data-hash", "anchor-block.number", "anchor-block.orderer-signature", "anchor-tx.header",
                "anchor-tx.creator-signature", "anchor-tx.endorsements", "anchor-tx.write-set",
                "anchor-tx.validation-flag",
                "registry-block.data-hash", "registry-block.number", "registry-block.orderer-signature",
                "registry-tx.header", "registry-tx.creator-signature", "registry-tx.endorsements",
                "registry-tx.write-set", "registry-tx.validation-flag", "enterprise-registration",
                "merkle-inclusion", "checkpoint-signature",
                "checkpoint-block.data-hash", "checkpoint-block.number", "checkpoint-block.orderer-signature",
                "checkpoint-tx.header", "checkpoint-tx.creator-signature", "checkpoint-tx.endorsements",
                "checkpoint-tx.write-set", "checkpoint-tx.validation-flag",
                "status-block.data-hash", "status-block.number", "status-block.orderer-signature", "status-tx.header",
                "status-tx.creator-signature", "status-tx.endorsements", "status-tx.write-set",
                "status-tx.validation-flag", "status-latest", "status-history", "retention", "renewals", "bundle-signature"),
                r.checks().stream().map(CheckResult::name).toList());
        assertTrue(verifier.verify(BUNDLE, null).passed());
        assertTrue(r.checks().stream().filter(c -> c.name().equals("anchor-tx.endorsements")).findFirst()
                .orElseThrow().reason().contains("EnterpriseServicesMSP, TaxAuthorityMSP"));
    }

    @Test
    void flippingOneBitOfAnyFieldFailsItsNamedCheck() throws Exception {
        flipEveryField(BUNDLE, DOCUMENT);
    }

    @Test
    void flippingOneBitOfAnyFieldOfADisposedBundleFailsItsNamedCheck() throws Exception {
        flipEveryField(DISPOSED, DISPOSED_DOCUMENT);
    }

    private void flipEveryField(String bundle, byte[] document) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(bundle);
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", tree, leaves);
        int n = 0;
        for (var e : leaves.entrySet()) {
            String path = e.getKey();
            if (path.equals("version")) {
                continue;
            }
            ObjectNode m = tree.deepCopy();
            set(m, path, flip(e.getValue()));
            VerificationReport r = verifier.verify(m.toString(), document);
            String expected = BundleFieldChecks.expectedCheck(path, true);
            assertFalse(r.passed(), path);
            assertTrue(r.failed().stream().anyMatch(f -> f.startsWith(expected)),
                    () -> path + ": expected " + expected + ", failed " + r.failed());
            if (!path.equals("signature")) {
                assertTrue(r.failed().contains("bundle-signature"), path);
            }
            n++;
        }
        assertTrue(n >= 40, "fields mutated: " + n);
    }

    @Test
    void proofForAnotherDocumentFails() {
        byte[] other = DOCUMENT.clone();
        other[other.length / 2] ^= 1;
        assertEquals(List.of("document-hash"), verifier.verify(BUNDLE, other).failed());
    }

    @Test
    void truncatedOrReorderedInclusionPathFails() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ArrayNode path = (ArrayNode) t.at("/inclusion/path");
        assertTrue(path.size() >= 2);
        ObjectNode trunc = t.deepCopy();
        ((ArrayNode) trunc.at("/inclusion/path")).remove(path.size() - 1);
        assertEquals(List.of("merkle-inclusion", "bundle-signature"), verifier.verify(trunc.toString(), null).failed());
        ObjectNode re = t.deepCopy();
        ArrayNode p = (ArrayNode) re.at("/inclusion/path");
        JsonNode first = p.get(0);
        p.set(0, p.get(1));
        p.set(1, first);
        assertEquals(List.of("merkle-inclusion", "bundle-signature"), verifier.verify(re.toString(), null).failed());
    }

    @Test
    void validationFlagIsNotCoveredByTheOrdererSignature() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/anchoring/block").asText()));
        int idx = t.at("/anchoring/txIndex").asInt();
        byte[] flags = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
        flags[idx] = 11; // MVCC_READ_CONFLICT
        Block marked = block.toBuilder().setMetadata(block.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(flags))).build();
        ((ObjectNode) t.get("anchoring")).put("block", Base64.getEncoder().encodeToString(marked.toByteArray()));
        assertEquals(List.of("anchor-tx.validation-flag", "bundle-signature"), verifier.verify(t.toString(), null)
                .failed());
    }

    @Test
    void changedEnvelopeFailsTheDataHash() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        Block block = Block.parseFrom(Base64.getDecoder().decode(t.at("/checkpoint/anchoring/block").asText()));
        int idx = t.at("/checkpoint/anchoring/txIndex").asInt();
        byte[] env = block.getData().getData(idx).toByteArray();
        env[env.length - 3] ^= 1; // inside the envelope's signature
        Block changed = block.toBuilder().setData(block.getData().toBuilder().setData(idx, ByteString.copyFrom(env)))
                .build();
        ((ObjectNode) t.at("/checkpoint/anchoring")).put("block",
                Base64.getEncoder().encodeToString(changed.toByteArray()));
        List<String> failed = verifier.verify(t.toString(), null).failed();
        assertTrue(failed.contains("checkpoint-block.data-hash"), failed.toString());
        assertTrue(failed.contains("checkpoint-tx.creator-signature"), failed.toString());
    }

    @Test
    void identitiesOutsideTheTrustFileFail() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(TRUST);
        ObjectNode foreign = t.deepCopy();
        ((ObjectNode) foreign.get("msps")).set("EnterpriseServicesMSP", t.at("/msps/TaxAuthorityMSP"));
        List<String> failed = new RetentionProofVerifier(TrustAnchors.parse(foreign.toString()))
                .verify(BUNDLE, null).failed();
        assertTrue(failed.containsAll(List.of("anchor-tx.creator-signature", "anchor-tx.endorsements",
                "checkpoint-tx.creator-signature", "checkpoint-tx.endorsements")), failed.toString());
        ObjectNode noOrderer = t.deepCopy();
        ((ObjectNode) noOrderer.get("msps")).remove("OrdererMSP");
        assertEquals(List.of("anchor-block.orderer-signature", "registry-block.orderer-signature",
                "checkpoint-block.orderer-signature", "status-block.orderer-signature"),
                new RetentionProofVerifier(TrustAnchors.parse(noOrderer.toString())).verify(BUNDLE, null).failed());
        ObjectNode oneOrg = t.deepCopy();
        ((ArrayNode) oneOrg.get("requiredEndorsers")).add("AnotherMSP");
        assertEquals(List.of("anchor-tx.endorsements", "registry-tx.endorsements", "checkpoint-tx.endorsements",
                "status-tx.endorsements"),
                new RetentionProofVerifier(TrustAnchors.parse(oneOrg.toString())).verify(BUNDLE, null).failed());
    }

    @Test
    void malformedInputIsRefusedWithAClearError() throws Exception {
        var e = assertThrows(MalformedProofException.class, () -> verifier.verify("{\"version\": 1,", null));
        assertTrue(e.getMessage().startsWith("not a retention proof bundle"), e.getMessage());
        assertThrows(MalformedProofException.class, () -> verifier.verify("[]", null));
        assertThrows(MalformedProofException.class, () -> verifier.verify("", null));
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode v3 = t.deepCopy().put("version", 3);
        assertTrue(assertThrows(MalformedProofException.class, () -> verifier.verify(v3.toString(), null))
                .getMessage().contains("version 3"));
        ObjectNode missing = t.deepCopy();
        missing.remove("checkpoint");
        assertThrows(MalformedProofException.class, () -> verifier.verify(missing.toString(), null));
        ObjectNode extra = t.deepCopy().put("unexpected", 1);
        assertThrows(MalformedProofException.class, () -> verifier.verify(extra.toString(), null));
        assertThrows(MalformedProofException.class, () -> TrustAnchors.parse("{}"));
        assertThrows(MalformedProofException.class, () -> TrustAnchors.parse("not json"));
    }

    // ------------------------------------------------------------------ status evidence and disposal

    @Test
    void aDisposedBundlePassesEveryCheckIncludingLawfulDisposal() {
        VerificationReport r = verifier.verify(DISPOSED, DISPOSED_DOCUMENT);
        assertTrue(r.passed(), () -> r.checks().toString());
        List<String> names = r.checks().stream().map(CheckResult::name).toList();
        assertEquals(List.of("status-latest", "status-history", "lawful-disposal", "retention", "renewals",
                "bundle-signature"), names.subList(names.size() - 6, names.size()));
        assertTrue(names.contains("status-tx.write-set"), names.toString());
        RetentionProof p = RetentionProof.parse(DISPOSED);
        CheckResult lawful = r.checks().get(names.indexOf("lawful-disposal"));
        assertTrue(lawful.reason().contains("after the retention period ending " + p.seal().retainUntil()),
                lawful.reason());
        // the original is gone from the archive; a copy kept elsewhere still matches the proven hash
        assertTrue(verifier.verify(DISPOSED, null).passed());
        assertEquals(List.of("document-hash", "document-size"), verifier.verify(DISPOSED, DOCUMENT).failed());
    }

    @Test
    void aBundleWithoutTransitionsHasNoStatusEvidence() throws Exception {
        // rebuilt from the DELIVERED bundle: as if the anchoring were the newest version
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode status = (ObjectNode) t.get("status");
        status.putNull("evidence");
        ((ArrayNode) status.get("history")).remove(0);
        status.put("status", "ISSUED");
        List<String> failed = verifier.verify(t.toString(), null).failed();
        assertEquals(List.of("bundle-signature"), failed, "the anchoring write is ISSUED, no hold");
        status.put("status", "DELIVERED");
        ((ObjectNode) status.get("history").get(0)).put("status", "DELIVERED");
        failed = verifier.verify(t.toString(), null).failed();
        assertEquals(List.of("status-latest", "status-history", "bundle-signature"), failed,
                "the anchored record says ISSUED");
    }

    @Test
    void theNewestVersionMustBeTheOneProven() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(BUNDLE);
        ObjectNode status = (ObjectNode) t.get("status");
        // evidence of the anchoring transaction instead of the newest one
        ObjectNode anchorAsStatus = t.deepCopy();
        ((ObjectNode) anchorAsStatus.get("status")).set("evidence", t.get("anchoring"));
        List<String> failed = verifier.verify(anchorAsStatus.toString(), null).failed();
        assertTrue(failed.containsAll(List.of("status-tx.write-set", "status-latest")), failed.toString());
        // the history hides the newest transition
        ObjectNode hidden = t.deepCopy();
        ((ArrayNode) hidden.at("/status/history")).remove(0);
        failed = verifier.verify(hidden.toString(), null).failed();
        assertEquals(List.of("status-latest", "status-history", "bundle-signature"), failed);
        // an empty history
        ObjectNode empty = t.deepCopy();
        ((ArrayNode) empty.at("/status/history")).removeAll();
        assertTrue(verifier.verify(empty.toString(), null).failed().contains("status-latest"));
        assertTrue(status.get("evidence").isObject());
    }

    @Test
    void aDisposalClaimNeedsTheDisposalTransaction() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(DISPOSED);
        ObjectNode noEvidence = t.deepCopy();
        ((ObjectNode) noEvidence.get("status")).putNull("evidence");
        List<String> failed = verifier.verify(noEvidence.toString(), null).failed();
        assertEquals(List.of("status-latest", "status-history", "lawful-disposal", "bundle-signature"), failed);
        CheckResult lawful = verifier.verify(noEvidence.toString(), null).checks().stream()
                .filter(c -> c.name().equals("lawful-disposal")).findFirst().orElseThrow();
        assertTrue(lawful.reason().contains("status.evidence is null"), lawful.reason());
        // a DELIVERED bundle relabelled as DISPOSED: its newest transaction is no disposal
        ObjectNode delivered = (ObjectNode) JSON.readTree(BUNDLE);
        ((ObjectNode) delivered.get("status")).put("status", "DISPOSED");
        ((ObjectNode) delivered.at("/status/history/0")).put("status", "DISPOSED");
        failed = verifier.verify(delivered.toString(), null).failed();
        assertTrue(failed.containsAll(List.of("status-tx.write-set", "lawful-disposal")), failed.toString());
        assertTrue(!failed.contains("status-latest"), failed.toString());
    }

    @Test
    void unreadableStatusEvidenceFailsByNameWithoutThrowing() throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(DISPOSED);
        ObjectNode ev = (ObjectNode) t.at("/status/evidence");
        ev.put("txId", "");
        ev.put("block", "not a block");
        List<String> failed = verifier.verify(t.toString(), null).failed();
        assertEquals(List.of("status-block.decode", "status-latest", "status-history", "lawful-disposal",
                "bundle-signature"), failed);
        ((ObjectNode) t.at("/anchoring")).put("txId", "");
        assertFalse(verifier.verify(t.toString(), null).passed());
    }

    static final String TX = "ab".repeat(32);
    static final LocalDate RETAIN_UNTIL = LocalDate.of(2041, 11, 23);

    static ObjectNode disposedRecord() {
        ObjectNode r = JSON.createObjectNode().put("status", "DISPOSED").put("legalHold", false);
        r.putObject("lastChange").put("action", "DISPOSE").put("txId", TX);
        return r;
    }

    @Test
    void lawfulDisposalIsAfterRetainUntilInChinaStandardTime() {
        // 2041-11-23T16:00Z is midnight at the start of 2041-11-24 in CST
        Instant firstLawful = Instant.parse("2041-11-23T16:00:00Z");
        assertNull(RetentionProofVerifier.disposalProblem(disposedRecord(), TX, firstLawful, RETAIN_UNTIL));
        String early = RetentionProofVerifier.disposalProblem(disposedRecord(), TX, firstLawful.minusNanos(1),
                RETAIN_UNTIL);
        assertTrue(early.contains("CST date 2041-11-23"), early);
        assertTrue(early.contains("not after the retention period ending 2041-11-23"), early);
        // a UTC date after retainUntil is not enough
        assertEquals(LocalDate.of(2041, 11, 23), RetentionProofVerifier.cstDate(Instant.parse("2041-11-23T15:59:59Z")));
        assertEquals(LocalDate.of(2041, 11, 24), RetentionProofVerifier.cstDate(firstLawful));
    }

    @Test
    void lawfulDisposalNeedsADisposeWithoutHoldByThatTransaction() {
        Instant late = Instant.parse("2050-01-01T00:00:00Z");
        ObjectNode held = disposedRecord().put("legalHold", true);
        assertTrue(RetentionProofVerifier.disposalProblem(held, TX, late, RETAIN_UNTIL).contains("legal hold"));
        ObjectNode noHoldField = disposedRecord();
        noHoldField.remove("legalHold");
        assertTrue(RetentionProofVerifier.disposalProblem(noHoldField, TX, late, RETAIN_UNTIL).contains("legal hold"));
        ObjectNode delivered = disposedRecord().put("status", "DELIVERED");
        assertTrue(RetentionProofVerifier.disposalProblem(delivered, TX, late, RETAIN_UNTIL).contains("not DISPOSED"));
        ObjectNode otherAction = disposedRecord();
        ((ObjectNode) otherAction.get("lastChange")).put("action", "LEGAL_HOLD_OFF");
        assertTrue(RetentionProofVerifier.disposalProblem(otherAction, TX, late, RETAIN_UNTIL).contains("not DISPOSE"));
        assertTrue(RetentionProofVerifier.disposalProblem(disposedRecord(), "cd".repeat(32), late, RETAIN_UNTIL)
                .contains("not DISPOSE by"));
    }

    @Test
    void theTransactionTimestampIsTheSignedChannelHeaders() throws Exception {
        RetentionProof p = RetentionProof.parse(DISPOSED);
        Instant t = FabricEvidence.txTimestamp(p.status().evidence());
        Instant recorded = Instant.parse(p.status().history().get(0).timestamp());
        assertEquals(recorded, t, "the peer's history timestamp is the channel header's");
        assertThrows(IllegalArgumentException.class, () -> FabricEvidence.txTimestamp(
                new BlockEvidence(TX, 1, 0, "not base64!")));
        assertThrows(IllegalArgumentException.class, () -> FabricEvidence.txTimestamp(
                new BlockEvidence(TX, 1, 99, p.status().evidence().block())));
    }
}
