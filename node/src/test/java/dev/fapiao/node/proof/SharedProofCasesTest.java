package dev.fapiao.node.proof;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of the Java verifier on the recorded bundles and their mutations, shared with the
 * console's in-browser verifier (gateway-api/src/main/console/test): every case is a recorded
 * bundle, document and trust file plus operations on them, and its verdict (valid, the failing
 * check names in order, or malformed). The file is committed; this test recomputes it and fails
 * when it differs ({@code -Dfapiao.writeSharedCases=true} rewrites it after a deliberate change).
 */
class SharedProofCasesTest {
    static final Path COMMITTED = Path.of("src/test/resources/proof/shared-cases.json");
    static final Path WRITTEN = Path.of("target/proof/shared-cases.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void javaVerdictsOfTheSharedCasesAreTheCommittedOnes() throws Exception {
        ArrayNode cases = JSON.createArrayNode();
        addCases(cases, "bundle.json", "document.xml");
        addCases(cases, "disposed-bundle.json", "disposed-document.xml");
        v1Cases(cases);
        ObjectNode file = JSON.createObjectNode();
        file.put("about", "Retention proof cases and the verdicts of RetentionProofVerifier; written by "
                + "SharedProofCasesTest, checked by the console's verifier tests");
        file.set("cases", cases);
        String text = JSON.writeValueAsString(file) + "\n";
        Files.createDirectories(WRITTEN.getParent());
        Files.writeString(WRITTEN, text);
        if (Boolean.getBoolean("fapiao.writeSharedCases")) {
            Files.writeString(COMMITTED, text);
        }
        assertTrue(cases.size() >= 100, "cases: " + cases.size());
        assertEquals(Files.readString(COMMITTED), text,
                "the Java verdicts differ from " + COMMITTED + " (see " + WRITTEN + ")");
    }

    /** The 1,000,000-leaf inclusion proof of the console's timing (its tools/make-merkle-1m.mjs) is RFC 9162. */
    @Test
    void theMillionLeafInclusionProofOfTheConsoleTimingVerifies() throws Exception {
        JsonNode f = JSON.readTree(RetentionProofVerifierTest.resource("merkle-1m-inclusion.json"));
        JsonNode leaf = f.get("leaf");
        HexFormat hex = HexFormat.of();
        byte[] leafHash = Sm3Hasher.INSTANCE.hashLeaf(InvoiceLeaf.encode(leaf.get("invoiceId").asText(),
                hex.parseHex(leaf.get("docHash").asText()), hex.parseHex(leaf.get("metaHash").asText()),
                LocalDate.parse(leaf.get("retainUntil").asText())));
        assertEquals(f.get("leafHash").asText(), hex.formatHex(leafHash));
        List<byte[]> path = new ArrayList<>();
        f.get("path").forEach(n -> path.add(hex.parseHex(n.asText())));
        assertEquals(1_000_000, f.get("treeSize").asLong());
        assertEquals(20, path.size());
        ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, f.get("leafIndex").asLong(), f.get("treeSize").asLong(),
                leafHash, path, hex.parseHex(f.get("rootHash").asText()));
        byte[] otherRoot = hex.parseHex(f.get("rootHash").asText());
        otherRoot[0] ^= 1;
        assertThrows(ProofException.class, () -> ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE,
                f.get("leafIndex").asLong(), f.get("treeSize").asLong(), leafHash, path, otherRoot));
    }

    private void addCases(ArrayNode cases, String bundleFile, String documentFile) throws Exception {
        String bundle = RetentionProofVerifierTest.resource(bundleFile);
        ObjectNode tree = (ObjectNode) JSON.readTree(bundle);
        String tag = bundleFile.replace(".json", "");
        cases.add(run(newCase(tag + ": as recorded, with the document", bundleFile, documentFile)));
        cases.add(run(newCase(tag + ": as recorded, without a document", bundleFile, null)));
        cases.add(run(newCase(tag + ": another document (one bit flipped)", bundleFile, documentFile)
                .put("flipDocument", true)));
        cases.add(run(newCase(tag + ": the other recording's document", bundleFile,
                documentFile.equals("document.xml") ? "disposed-document.xml" : "document.xml")));
        // every leaf of the bundle flipped by one bit (JsonMutations, as RetentionProofVerifierTest)
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", tree, leaves);
        for (var e : leaves.entrySet()) {
            if (e.getKey().equals("version")) {
                continue;
            }
            JsonNode flipped = flip(e.getValue());
            ObjectNode op = JSON.createObjectNode().put("op", "flip").put("path", e.getKey());
            String s = flipped.isTextual() ? flipped.asText() : flipped.toString();
            op.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))));
            ObjectNode c = newCase(tag + ": one bit of " + e.getKey(), bundleFile, documentFile);
            ((ArrayNode) c.get("bundleOps")).add(op);
            cases.add(run(c));
        }
        cases.add(changed(tag + ": truncated inclusion path", bundleFile, "bundleOps", op("removeLast", "inclusion.path")));
        if (tree.at("/inclusion/path").size() >= 2) {
            cases.add(changed(tag + ": reordered inclusion path", bundleFile, "bundleOps", op("swap01", "inclusion.path")));
        }
        cases.add(changed(tag + ": empty history", bundleFile, "bundleOps", op("clear", "status.history")));
        cases.add(changed(tag + ": newest transition hidden", bundleFile, "bundleOps", op("removeFirst", "status.history")));
        cases.add(changed(tag + ": no status evidence", bundleFile, "bundleOps", op("setNull", "status.evidence")));
        cases.add(changed(tag + ": the anchoring block as status evidence", bundleFile, "bundleOps", op("copy", "status.evidence").put("from", "anchoring")));
        cases.add(changed(tag + ": relabelled DISPOSED", bundleFile, "bundleOps", op("set", "status.status").put("value", "DISPOSED")));
        cases.add(changed(tag + ": another node's checkpoint id", bundleFile, "bundleOps", op("set", "checkpoint.nodeId").put("value", "node-elsewhere")));
        cases.add(changed(tag + ": the block is not base64", bundleFile, "bundleOps", op("set", "anchoring.block").put("value", "not a block")));
        cases.add(changed(tag + ": transaction index outside the block", bundleFile, "bundleOps", op("set", "anchoring.txIndex").put("value", 99)));
        cases.add(changed(tag + ": renewal chain of another invoice", bundleFile, "bundleOps", op("set", "renewals.invoiceId").put("value", "91350100M000100Y4300000000000000000001")));
        cases.add(changed(tag + ": validation flag set to MVCC_READ_CONFLICT", bundleFile, "bundleOps", op("set", "anchoring.block").put("value", BlockSurgery.invalidFlag(tree))));
        cases.add(changed(tag + ": changed envelope in the checkpoint block", bundleFile, "bundleOps", op("set", "checkpoint.anchoring.block").put("value", BlockSurgery.changedEnvelope(tree))));
        // trust files
        cases.add(changed(tag + ": foreign EnterpriseServicesMSP roots", bundleFile, "trustOps", op("copy", "msps.EnterpriseServicesMSP").put("from", "msps.TaxAuthorityMSP")));
        cases.add(changed(tag + ": no orderer roots", bundleFile, "trustOps", op("remove", "msps.OrdererMSP")));
        cases.add(changed(tag + ": an endorser the policy adds", bundleFile, "trustOps", op("append", "requiredEndorsers").put("value", "AnotherMSP")));
        cases.add(changed(tag + ": another channel", bundleFile, "trustOps", op("set", "channel").put("value", "other-channel")));
        cases.add(changed(tag + ": the orderer is not an orderer MSP", bundleFile, "trustOps", op("set", "ordererMsps.0").put("value", "TaxAuthorityMSP")));
        // malformed bundles
        cases.add(changed(tag + ": version 3", bundleFile, "bundleOps", op("set", "version").put("value", 3)));
        cases.add(changed(tag + ": relabelled version 1", bundleFile, "bundleOps", op("set", "version").put("value", 1)));
        cases.add(changed(tag + ": an unknown member", bundleFile, "bundleOps", op("set", "unexpected").put("value", 1)));
        cases.add(changed(tag + ": no checkpoint", bundleFile, "bundleOps", op("remove", "checkpoint")));
        cases.add(changed(tag + ": truncated JSON", bundleFile, "bundleOps", op("text", "").put("value", "{\"version\": 1,")));
        strictCases(cases, tag, bundleFile, documentFile, tree);
        if (tree.at("/seal/enterprise").isObject()) {
            registryCases(cases, tag, bundleFile, tree);
        }
    }

    /**
     * enterpriseRegistration (version 2), each class once: its members, another block, a block after
     * the anchoring, a key record forged inside the block (owner, kind, key, validity), the bundle's
     * side changed (issuer, issue time, key).
     */
    private void registryCases(ArrayNode cases, String tag, String bundleFile, ObjectNode tree) throws Exception {
        String r = "enterpriseRegistration";
        cases.add(changed(tag + ": no " + r, bundleFile, "bundleOps", op("remove", r)));
        cases.add(changed(tag + ": " + r + " null with seal.enterprise", bundleFile, "bundleOps", op("setNull", r)));
        cases.add(changed(tag + ": an unknown member " + r + ".comment", bundleFile, "bundleOps", op("set", r + ".comment").put("value", "x")));
        cases.add(changed(tag + ": " + r + ".blockNumber as a string", bundleFile, "bundleOps", op("set", r + ".blockNumber").put("value", "7")));
        cases.add(changed(tag + ": no " + r + ".txIndex", bundleFile, "bundleOps", op("remove", r + ".txIndex")));
        cases.add(changed(tag + ": " + r + " without seal.enterprise", bundleFile, "bundleOps", op("setNull", "seal.enterprise")));
        cases.add(changed(tag + ": the anchoring block as " + r, bundleFile, "bundleOps", op("copy", r).put("from", "anchoring")));
        cases.add(changed(tag + ": the status block (after the anchoring) as " + r, bundleFile, "bundleOps", op("copy", r).put("from", "status.evidence")));
        cases.add(changed(tag + ": " + r + " claimed after the anchoring block", bundleFile, "bundleOps",
                op("set", r + ".blockNumber").put("value", tree.at("/anchoring/blockNumber").asLong() + 1)));
        cases.add(changed(tag + ": changed envelope in the registry block", bundleFile, "bundleOps",
                op("set", r + ".block").put("value", BlockSurgery.changedEnvelope(tree, r))));
        String[][] forged = {{"ownerCode", "\"91350100M000100Y43\""}, {"kind", "\"NODE\""},
            {"publicKey", JSON.writeValueAsString(tree.at("/seal/node/publicKey").asText())},
            {"validFrom", "\"2099-01-01T00:00:00Z\""}, {"validTo", "\"2000-01-01T00:00:00Z\""},
            {"revokedAt", "\"2000-01-01T00:00:00Z\""}, {"userId", "\"another-user-id\""}};
        for (String[] f : forged) {
            cases.add(changed(tag + ": registry record " + f[0] + " forged", bundleFile, "bundleOps",
                    op("set", r + ".block").put("value", BlockSurgery.registryRecordChanged(tree, f[0], JSON.readTree(f[1])))));
        }
        cases.add(changed(tag + ": issued before the key was valid", bundleFile, "bundleOps", op("set", "seal.issueTime").put("value", "2000-01-01T00:00:00Z")));
        cases.add(changed(tag + ": seal.enterprise's key replaced by the node's", bundleFile, "bundleOps", op("copy", "seal.enterprise.publicKey").put("from", "seal.node.publicKey")));
    }

    /**
     * A version 1 bundle (recorded before version 2, with its network's trust file) verifies exactly as
     * before; it cannot carry enterpriseRegistration, and relabelled version 2 it lacks it.
     */
    private void v1Cases(ArrayNode cases) throws Exception {
        String b = "v1-bundle.json";
        cases.add(run(v1(newCase("v1-bundle: as recorded, with the document", b, "v1-document.xml"))));
        cases.add(run(v1(newCase("v1-bundle: as recorded, without a document", b, null))));
        cases.add(run(withOp(v1(newCase("v1-bundle: the checkpoint signature as seal.node.signature", b, null)), "bundleOps",
                op("set", "seal.node.signature").put("value", JSON.readTree(RetentionProofVerifierTest.resource(b))
                        .at("/checkpoint/signer/signature").asText()))));
        cases.add(run(withOp(v1(newCase("v1-bundle: with enterpriseRegistration", b, null)), "bundleOps",
                op("setNull", "enterpriseRegistration"))));
        cases.add(run(withOp(v1(newCase("v1-bundle: relabelled version 2", b, null)), "bundleOps",
                op("set", "version").put("value", 2))));
    }

    private static ObjectNode v1(ObjectNode c) {
        return c.put("trust", "v1-trust.json");
    }

    /**
     * The classes of issue 15's "evidence parsing is lenient" and "what the bundle binds": strict
     * parsing (each class once), consistency, history binding, enterprise key, endorsement quorum.
     */
    private void strictCases(ArrayNode cases, String tag, String bundleFile, String documentFile, ObjectNode tree)
            throws Exception {
        String status = tree.at("/status/status").asText();
        String leaf = "\"leafIndex\":" + tree.at("/inclusion/leafIndex");
        String size = "\"documentSize\":" + tree.at("/invoice/documentSize");
        String[][] texts = {
            {"a duplicate seal.retainUntil before the real one", "\"retainUntil\":", "\"retainUntil\":\"2099-12-31\",\"retainUntil\":"},
            {"a duplicate status.status before the real one", "\"status\":\"" + status + "\"", "\"status\":\"ISSUED\",\"status\":\"" + status + "\""},
            {"inclusion.leafIndex 2.0", leaf, leaf + ".0"},
            {"version 1.0", "\"version\":1,", "\"version\":1.0,"},
            {"documentSize with an exponent", size, "\"documentSize\":" + tree.at("/invoice/documentSize").asLong() / 1000.0 + "e3"},
            {"documentSize beyond 2^53 - 1", size, "\"documentSize\":9007199254740993"},
        };
        for (String[] t : texts) {
            cases.add(changed(tag + ": " + t[0], bundleFile, "bundleOps", op("textReplace", "").put("find", t[1]).put("value", t[2])));
        }
        cases.add(changed(tag + ": text after the bundle", bundleFile, "bundleOps", op("textAppend", "").put("value", " {}")));
        cases.add(changed(tag + ": status.legalHold \"false\"", bundleFile, "bundleOps", op("set", "status.legalHold").put("value", "false")));
        cases.add(changed(tag + ": status.legalHold 0", bundleFile, "bundleOps", op("set", "status.legalHold").put("value", 0)));
        cases.add(changed(tag + ": inclusion.leafIndex as a string", bundleFile, "bundleOps", op("set", "inclusion.leafIndex").put("value", tree.at("/inclusion/leafIndex").asText())));
        cases.add(changed(tag + ": no seal.enterprise", bundleFile, "bundleOps", op("remove", "seal.enterprise")));
        cases.add(changed(tag + ": no reason in the oldest history entry", bundleFile, "bundleOps", op("remove", "status.history.1.reason")));
        cases.add(changed(tag + ": no generatedAt", bundleFile, "bundleOps", op("remove", "generatedAt")));
        cases.add(changed(tag + ": an unknown member seal.comment", bundleFile, "bundleOps", op("set", "seal.comment").put("value", "x")));
        cases.add(changed(tag + ": anchoring.txId null", bundleFile, "bundleOps", op("setNull", "anchoring.txId")));
        cases.add(changed(tag + ": documentCheck not an object", bundleFile, "bundleOps", op("set", "documentCheck").put("value", "ok")));
        ObjectNode check = (ObjectNode) JSON.readTree(RetentionProofDocumentClaimTest.CLAIM);
        cases.add(changed(tag + ": a documentCheck the node did not sign", bundleFile, "bundleOps", op("set", "documentCheck").set("value", check)));
        cases.add(changed(tag + ": a documentCheck with an unknown member", bundleFile, "bundleOps",
                op("set", "documentCheck").set("value", check.deepCopy().put("extra", 1))));
        cases.add(changed(tag + ": documentCheck null", bundleFile, "bundleOps", op("setNull", "documentCheck")));
        cases.add(changed(tag + ": an escaped character (same canonical JSON)", bundleFile, "bundleOps",
                op("textReplace", "").put("find", "\"" + status + "\"").put("value", "\"\\u00" + Integer.toHexString(status.charAt(0)) + status.substring(1) + "\"")));
        // consistency with the id and the document
        cases.add(changed(tag + ": another issuer", bundleFile, "bundleOps", op("set", "invoice.issuer").put("value", "91350100M000100Y43")));
        cases.add(run(withOp(newCase(tag + ": documentSize one more, with the document", bundleFile, documentFile), "bundleOps",
                op("set", "invoice.documentSize").put("value", tree.at("/invoice/documentSize").asLong() + 1))));
        cases.add(run(withOp(newCase(tag + ": declared PDF, with the XML document", bundleFile, documentFile), "bundleOps",
                op("set", "invoice.contentType").put("value", "application/pdf"))));
        cases.add(run(withOp(newCase(tag + ": declared octet-stream, with the document", bundleFile, documentFile), "bundleOps",
                op("set", "invoice.contentType").put("value", "application/octet-stream"))));
        cases.add(changed(tag + ": seal.enterprise a copy of seal.node", bundleFile, "bundleOps", op("copy", "seal.enterprise").put("from", "seal.node")));
        // history entries bound to the carried blocks
        ObjectNode middle = run(withOp(withOp(newCase(tag + ": an intermediate history entry no block binds", bundleFile, null), "bundleOps",
                op("copy", "status.history.1").put("from", "status.history.0")), "bundleOps",
                op("set", "status.history.1.txId").put("value", "ab".repeat(32))));
        ((ArrayNode) middle.get("bundleOps")).add(op("append", "status.history").set("value", tree.at("/status/history/1")));
        cases.add(run(middle));
        for (String[] c : new String[][] {{"0.reason", "other"}, {"0.mspId", "TaxAuthorityMSP"}, {"1.action", "ACCEPT"},
            {"1.timestamp", "2026-11-23T11:28:13.5Z"}, {"1.mspId", "TaxAuthorityMSP"}}) {
            cases.add(changed(tag + ": history " + c[0] + " changed", bundleFile, "bundleOps", op("set", "status.history." + c[0]).put("value", c[1])));
        }
        // the trust file: strict, and the endorsement quorum of the period
        cases.add(changed(tag + ": an unknown member in the trust file", bundleFile, "trustOps", op("set", "comment").put("value", "x")));
        cases.add(changed(tag + ": a duplicate channel in the trust file", bundleFile, "trustOps", op("textReplace", "").put("find", "\"channel\":").put("value", "\"channel\":\"other\",\"channel\":")));
        cases.add(changed(tag + ": quorum as a string", bundleFile, "trustOps", op("set", "endorsement.quorum").put("value", "2")));
        cases.add(changed(tag + ": no quorum", bundleFile, "trustOps", op("remove", "endorsement.quorum")));
        cases.add(changed(tag + ": another endorsement rule", bundleFile, "trustOps", op("set", "endorsement.rule").put("value", "ANY Endorsement")));
        cases.add(changed(tag + ": history without fromBlock", bundleFile, "trustOps", op("remove", "history.0.fromBlock")));
        cases.add(run(threeMembers(newCase(tag + ": three members, 2 endorsed, quorum 2", bundleFile, null), 2)));
        cases.add(run(threeMembers(newCase(tag + ": three members, quorum 3", bundleFile, null), 3)));
        cases.add(changed(tag + ": EnterpriseServicesMSP joined after these blocks", bundleFile, "trustOps", op("set", "history.1.fromBlock").put("value", 1_000_000)));
        ObjectNode left = withOp(withOp(withOp(newCase(tag + ": EnterpriseServicesMSP has left since (roots from history)", bundleFile, null),
                "trustOps", op("set", "history.1.toBlock").put("value", 1_000_000)), "trustOps", op("remove", "msps.EnterpriseServicesMSP")),
                "trustOps", op("removeLast", "endorsement.members"));
        for (ObjectNode o : List.of(op("set", "endorsement.quorum").put("value", 1), op("set", "configBlock").put("value", 1_000_000),
                op("set", "requiredEndorsers").set("value", JSON.createArrayNode().add("TaxAuthorityMSP")))) {
            ((ArrayNode) left.get("trustOps")).add(o);
        }
        cases.add(run(left));
        // a member joined after these blocks and the current policy requires it: not of these blocks
        // (their period's rule is its own quorum), but of blocks from the current configuration on
        for (long configBlock : new long[] {1_000_000, 0}) {
            ObjectNode joined = newCase(tag + ": NewMSP joined at block 1000000, required from configBlock "
                    + configBlock, bundleFile, null);
            ObjectNode newMember = ((ObjectNode) JSON.readTree(RetentionProofVerifierTest.TRUST).at("/history/0"))
                    .deepCopy().put("org", "newcomer").put("msp", "NewMSP").put("fromBlock", 1_000_000);
            for (ObjectNode o : List.of(op("append", "history").set("value", newMember),
                    op("copy", "msps.NewMSP").put("from", "msps.TaxAuthorityMSP"),
                    op("append", "endorsement.members").put("value", "NewMSP"),
                    op("set", "endorsement.quorum").put("value", 3),
                    op("append", "requiredEndorsers").put("value", "NewMSP"),
                    op("set", "configBlock").put("value", configBlock))) {
                withOp(joined, "trustOps", o);
            }
            cases.add(run(joined));
        }
        cases.add(run(withOp(threeMembers(newCase(tag + ": two endorsements by one MSP, quorum 2 of 3", bundleFile, null), 2),
                "bundleOps", op("set", "anchoring.block").put("value", BlockSurgery.sameMspTwice(tree)))));
    }

    /** A third member (AuditorMSP, TaxAuthority's roots) from block 0, no required endorser, the quorum given. */
    private static ObjectNode threeMembers(ObjectNode c, int quorum) throws Exception {
        ObjectNode third = ((ObjectNode) JSON.readTree(RetentionProofVerifierTest.TRUST).at("/history/0")).deepCopy()
                .put("org", "auditor").put("msp", "AuditorMSP");
        for (ObjectNode o : List.of(op("append", "history").set("value", third),
                op("copy", "msps.AuditorMSP").put("from", "msps.TaxAuthorityMSP"),
                op("append", "endorsement.members").put("value", "AuditorMSP"),
                op("set", "endorsement.quorum").put("value", quorum),
                op("set", "requiredEndorsers").set("value", JSON.createArrayNode()))) {
            withOp(c, "trustOps", o);
        }
        return c;
    }

    private static ObjectNode newCase(String name, String bundle, String document) {
        ObjectNode c = JSON.createObjectNode().put("name", name).put("bundle", bundle).put("document", document)
                .put("trust", "trust.json").put("flipDocument", false);
        c.putArray("bundleOps");
        c.putArray("trustOps");
        return c;
    }

    /** One change of the recorded bundle or trust file ({@code list} bundleOps or trustOps), verified without the document. */
    private ObjectNode changed(String name, String bundleFile, String list, ObjectNode op) throws Exception {
        return run(withOp(newCase(name, bundleFile, null), list, op));
    }

    private static ObjectNode op(String op, String path) {
        return JSON.createObjectNode().put("op", op).put("path", path);
    }

    private static ObjectNode withOp(ObjectNode c, String list, ObjectNode op) {
        ((ArrayNode) c.get(list)).add(op);
        return c;
    }

    /** Applies the case's operations (as the console's test does) and records the Java verdict. */
    private ObjectNode run(ObjectNode c) throws Exception {
        String bundle = apply(RetentionProofVerifierTest.resource(c.get("bundle").asText()), c.get("bundleOps"));
        String trust = apply(RetentionProofVerifierTest.resource(c.get("trust").asText()), c.get("trustOps"));
        byte[] document = c.get("document").isNull() ? null
                : RetentionProofVerifierTest.bytes(c.get("document").asText()).clone();
        if (document != null && c.get("flipDocument").asBoolean()) {
            document[document.length / 2] ^= 1;
        }
        ObjectNode verdict = c.putObject("verdict");
        try {
            VerificationReport r = new RetentionProofVerifier(TrustAnchors.parse(trust)).verify(bundle, document);
            verdict.put("valid", r.passed());
            ArrayNode failed = verdict.putArray("failed");
            r.failed().forEach(failed::add);
        } catch (MalformedProofException e) {
            verdict.put("malformed", true);
        }
        return c;
    }

    static String apply(String json, JsonNode ops) throws Exception {
        if (ops.isEmpty()) {
            return json;
        }
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        String text = null; // once a text operation ran, the rest work on the compact text
        for (JsonNode op : ops) {
            String path = op.get("path").asText();
            String kind = op.get("op").asText();
            if (kind.startsWith("text") && !kind.equals("text")) {
                text = text != null ? text : root.toString();
                text = kind.equals("textAppend") ? text + op.get("value").asText()
                        : replaceFirst(text, op.get("find").asText(), op.get("value").asText());
                continue;
            }
            switch (kind) {
                case "text" -> {
                    return op.get("value").asText();
                }
                case "flip" -> JsonMutations.set(root, path, flip(at(root, path)));
                case "set" -> JsonMutations.set(root, path, op.get("value"));
                case "setNull" -> JsonMutations.set(root, path, JSON.nullNode());
                case "copy" -> JsonMutations.set(root, path, at(root, op.get("from").asText()).deepCopy());
                case "remove" -> ((ObjectNode) at(root, parent(path))).remove(last(path));
                case "append" -> ((ArrayNode) at(root, path)).add(op.get("value"));
                case "clear" -> ((ArrayNode) at(root, path)).removeAll();
                case "removeFirst" -> ((ArrayNode) at(root, path)).remove(0);
                case "removeLast" -> ((ArrayNode) at(root, path)).remove(at(root, path).size() - 1);
                case "swap01" -> {
                    ArrayNode a = (ArrayNode) at(root, path);
                    JsonNode first = a.get(0);
                    a.set(0, a.get(1));
                    a.set(1, first);
                }
                default -> throw new IllegalArgumentException("unknown op " + op);
            }
        }
        return text != null ? text : root.toString();
    }

    private static String replaceFirst(String text, String find, String value) {
        int i = text.indexOf(find);
        if (i < 0) {
            throw new IllegalArgumentException("no " + find + " in the text");
        }
        return text.substring(0, i) + value + text.substring(i + find.length());
    }

    private static JsonNode at(JsonNode root, String path) {
        return path.isEmpty() ? root : root.at("/" + path.replace('.', '/'));
    }

    private static String parent(String path) {
        return path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
