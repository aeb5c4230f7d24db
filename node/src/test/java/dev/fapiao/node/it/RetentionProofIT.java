package dev.fapiao.node.it;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.proof.BundleFieldChecks;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention proofs on the real network: a bundle built from the node and the ledger verifies
 * offline with the network's trust anchors, and every single-field mutation fails a named check.
 */
@ExtendWith(LedgerNetwork.class)
class RetentionProofIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static NodeConfig config(Path dataDir, String nodeId) {
        Map<String, String> env = new HashMap<>();
        env.put("FAPIAO_NODE_ID", nodeId);
        env.put("FAPIAO_NODE_DATA_DIR", dataDir.toString());
        env.put("FAPIAO_LEDGER_PROFILE", LedgerNetwork.repoRoot().resolve("run/network/network.json").toString());
        env.put("FAPIAO_ANCHORING_BATCH_AGE_MILLIS", "100");
        env.put("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "2");
        return new ConfigLoader().load(null, env);
    }

    static List<Receipt> submit(NodeRuntime rt, InvoiceGenerator gen, int n) {
        List<CompletableFuture<Receipt>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(ItNodes.submit(rt, gen, gen.creditCode()));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    static RetentionProof awaitProof(RetentionProofBuilder builder, String invoiceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                return builder.build(invoiceId);
            } catch (RetentionProofBuilder.NotYetProvableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no proof for " + invoiceId + ": " + e.getMessage());
                }
                Thread.sleep(250);
            }
        }
    }

    static String trustJson() throws Exception {
        Path trust = LedgerNetwork.repoRoot().resolve("run/network/trust.json");
        if (!Files.exists(trust)) {
            new ProcessBuilder(LedgerNetwork.repoRoot().resolve("scripts/network.sh").toString(), "trust")
                    .inheritIO().start().waitFor();
        }
        return Files.readString(trust);
    }

    /**
     * An invoice sealed by the enterprise too, with a key an admin registers for the issuer first
     * (so the bundle carries its registry block, {@code enterpriseRegistration}).
     */
    static Receipt submitEnterpriseSealed(NodeRuntime rt, NetworkProfile profile, InvoiceGenerator gen)
            throws Exception {
        String issuer = gen.creditCode();
        Sm2KeyPair key = Sm2KeyPair.generate();
        try (LedgerConnection operator = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "Admin"))) {
            operator.contract().submitTransaction("registerSigner", JSON.createObjectNode().put("ownerCode", issuer)
                    .put("kind", "ENTERPRISE").put("publicKey", key.publicKey().toPem())
                    .put("validFrom", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString())
                    .toString());
        }
        Invoice invoice = gen.invoice(issuer, Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS));
        byte[] document = gen.document(invoice, 2_000, 5_000);
        // the enterprise signs the seal encoding with the node's retain-until (default policy: 15 years)
        Seal signed = new Sealer(key.privateKey()).seal(invoice.id().toString(), Sm3.hash(document),
                Sm3.hash(CanonicalJson.of(invoice)), invoice.issueTime());
        return rt.invoices().submit(new Submission(invoice, document, "application/xml",
                new Submission.EnterpriseSignature(signed.keyId(), signed.signature()))).join();
    }

    @Test
    void bundlesVerifyOfflineAndEveryMutationFailsANamedCheck(NetworkProfile profile, @TempDir Path dir)
            throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String trustJson = trustJson();
        RetentionProofVerifier verifier = new RetentionProofVerifier(TrustAnchors.parse(trustJson));
        try (NodeRuntime rt = NodeRuntime.start(config(dir.resolve("a"), "rp-a-" + System.nanoTime()), Clock.systemUTC());
             NodeRuntime other = NodeRuntime.start(config(dir.resolve("b"), "rp-b-" + System.nanoTime()),
                     Clock.systemUTC())) {
            // leaf 2 of 5 (an inclusion path of 3) is sealed by the enterprise too
            List<Receipt> receipts = new ArrayList<>(submit(rt, gen, 2));
            receipts.add(submitEnterpriseSealed(rt, profile, gen));
            receipts.addAll(submit(rt, gen, 2));
            List<Receipt> otherReceipts = submit(other, gen, 1);
            RetentionProofBuilder builder = rt.proofBuilder(Clock.systemUTC());
            String id = receipts.get(2).invoice().invoiceId();
            awaitProof(builder, id);
            // a transition after the anchoring: the bundle then carries the newest version's block too
            rt.ledgerConnection().contract().submitTransaction("transition", id, "DELIVER", "delivered to the buyer", "");
            RetentionProof proof = awaitProof(builder, id);
            for (long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); proof.checkpoint().treeSize() < 5
                    && System.nanoTime() < until; proof = awaitProof(builder, id)) {
                Thread.sleep(250); // a checkpoint over all five leaves
            }
            assertEquals("DELIVERED", proof.status().status());
            assertNotNull(proof.status().evidence(), "status evidence of the DELIVER transaction");
            assertEquals(proof.status().history().get(0).txId(), proof.status().evidence().txId());
            assertNotNull(proof.seal().enterprise(), "the enterprise's own seal");
            assertNotNull(proof.enterpriseRegistration(), "the registry block of the enterprise key");
            assertNull(awaitProof(builder, receipts.get(0).invoice().invoiceId()).status().evidence(),
                    "no transition: the anchoring transaction is the newest version");
            byte[] document = rt.archive().documents().document(proof.seal().docHash()).orElseThrow();

            // the genuine bundle: every check passes, with and without the document
            VerificationReport ok = verifier.verify(proof.toJson(), document);
            assertTrue(ok.passed(), () -> "genuine bundle fails: " + ok.checks());
            assertTrue(ok.checks().size() >= 20, () -> "checks: " + ok.checks());
            assertTrue(verifier.verify(proof.toJson(), null).passed());
            if (Boolean.getBoolean("fapiao.writeProofFixture")) {
                // offline fixture for RetentionProofVerifierTest (public material only)
                Path out = LedgerNetwork.repoRoot().resolve("node/src/test/resources/proof");
                Files.createDirectories(out);
                Files.writeString(out.resolve("bundle.json"), proof.toJson());
                Files.writeString(out.resolve("trust.json"), trustJson);
                Files.write(out.resolve("document.xml"), document);
            }
            assertTrue(proof.inclusion().path().size() >= 2, "a tree of >= 5 leaves has a path of >= 2");

            // every other invoice of the node verifies too
            for (Receipt r : receipts) {
                RetentionProof p = awaitProof(builder, r.invoice().invoiceId());
                assertTrue(verifier.verify(p, null).passed(), () -> r.invoice().invoiceId() + ": "
                        + verifier.verify(p, null).checks());
            }

            // systematic mutations: one bit of each field
            ObjectNode tree = (ObjectNode) JSON.readTree(proof.toJson());
            assertTrue(mutateEveryField(rt, verifier, tree) >= 40);
            // the signature itself
            ObjectNode badSig = tree.deepCopy();
            badSig.set("signature", flip(tree.get("signature")));
            assertEquals(List.of("bundle-signature"), verifier.verify(badSig.toString(), null).failed());

            ObjectNode v3 = tree.deepCopy();
            v3.put("version", 3);
            assertThrows(MalformedProofException.class, () -> verifier.verify(v3.toString(), null));
            // the key record's registry block: not one of another key, nor after the anchoring
            ObjectNode otherBlock = tree.deepCopy();
            otherBlock.set("enterpriseRegistration", JSON.valueToTree(proof.checkpoint().anchoring()));
            List<String> ob = verifier.verify(resign(rt, otherBlock.toString()), null).failed();
            assertTrue(ob.containsAll(List.of("registry-tx.write-set", "enterprise-registration")), ob.toString());

            // a proof for another document
            byte[] otherDoc = rt.archive().documents().document(receipts.get(0).invoice().docHash()).orElseThrow();
            List<String> otherFailed = verifier.verify(proof, otherDoc).failed();
            assertEquals("document-hash", otherFailed.get(0), otherFailed.toString());
            assertTrue(List.of("document-size").containsAll(otherFailed.subList(1, otherFailed.size())),
                    otherFailed.toString()); // the size too, when it differs

            // truncated and reordered inclusion paths (re-signed so only the Merkle check can fail)
            ObjectNode trunc = tree.deepCopy();
            ((ArrayNode) trunc.at("/inclusion/path")).remove(trunc.at("/inclusion/path").size() - 1);
            assertEquals(List.of("merkle-inclusion"), verifier.verify(resign(rt, trunc.toString()), null).failed());
            ObjectNode reorder = tree.deepCopy();
            ArrayNode p = (ArrayNode) reorder.at("/inclusion/path");
            JsonNode first = p.get(0);
            p.set(0, p.get(1));
            p.set(1, first);
            assertEquals(List.of("merkle-inclusion"), verifier.verify(resign(rt, reorder.toString()), null).failed());

            // a (genuine) checkpoint of another node
            RetentionProof otherProof = awaitProof(other.proofBuilder(Clock.systemUTC()),
                    otherReceipts.get(0).invoice().invoiceId());
            assertTrue(verifier.verify(otherProof, null).passed());
            ObjectNode swapped = tree.deepCopy();
            swapped.set("checkpoint", JSON.valueToTree(otherProof.checkpoint()));
            ((ObjectNode) swapped.get("inclusion")).put("treeSize", otherProof.checkpoint().treeSize());
            VerificationReport sw = verifier.verify(swapped.toString(), null);
            assertTrue(sw.failed().contains("merkle-inclusion"), sw.failed().toString());
            assertTrue(sw.failed().contains("bundle-signature"), sw.failed().toString());

            // identities outside the trust file
            ObjectNode t = (ObjectNode) JSON.readTree(trustJson);
            ObjectNode foreign = t.deepCopy();
            ((ObjectNode) foreign.get("msps")).set("EnterpriseServicesMSP", t.at("/msps/TaxAuthorityMSP"));
            VerificationReport fr = new RetentionProofVerifier(TrustAnchors.parse(foreign.toString()))
                    .verify(proof, null);
            assertTrue(fr.failed().containsAll(List.of("anchor-tx.creator-signature", "anchor-tx.endorsements",
                    "checkpoint-tx.creator-signature")), fr.failed().toString());
            ObjectNode noOrderer = t.deepCopy();
            ((ObjectNode) noOrderer.get("msps")).set("OrdererMSP", t.at("/msps/TaxAuthorityMSP"));
            VerificationReport or = new RetentionProofVerifier(TrustAnchors.parse(noOrderer.toString()))
                    .verify(proof, null);
            assertEquals(List.of("anchor-block.orderer-signature", "registry-block.orderer-signature",
                    "checkpoint-block.orderer-signature", "status-block.orderer-signature"), or.failed());

            // malformed JSON
            assertThrows(MalformedProofException.class, () -> verifier.verify("{\"version\": 1", null));
            assertThrows(MalformedProofException.class, () -> verifier.verify("[]", null));
        }
    }

    @Test
    void aDisposedInvoiceProvesItsLawfulDisposal(@TempDir Path dir) throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        RetentionProofVerifier verifier = new RetentionProofVerifier(TrustAnchors.parse(trustJson()));
        try (NodeRuntime rt = NodeRuntime.start(config(dir, "rp-d-" + System.nanoTime()), Clock.systemUTC())) {
            // issued about 16 years ago: the default 15-year retention is over (the validator and the
            // chaincode accept old issue times; NODE seals are checked at the transaction time)
            Instant issued = Instant.now().minus(Duration.ofDays(16 * 365 + 4)).truncatedTo(ChronoUnit.MILLIS);
            Invoice old = gen.invoice(gen.creditCode(), issued);
            byte[] original = gen.document(old, 2_000, 4_000);
            Receipt r = rt.invoices().submit(new Submission(old, original, "application/xml")).join();
            LocalDate retainUntil = r.invoice().retainUntil();
            assertEquals(LocalDate.ofInstant(issued, SealEncoding.CST).plusYears(15), retainUntil);
            assertTrue(retainUntil.isBefore(LocalDate.now(SealEncoding.CST)));
            Receipt fresh = ItNodes.submit(rt, gen, gen.creditCode()).join();
            String id = r.invoice().invoiceId();
            String freshId = fresh.invoice().invoiceId();
            RetentionProofBuilder builder = rt.proofBuilder(Clock.systemUTC());
            assertNull(awaitProof(builder, id).status().evidence());
            awaitProof(builder, freshId);

            // a fresh invoice: the archive and the chaincode both refuse, and nothing changes
            DisposalRefusedException local = assertThrows(DisposalRefusedException.class,
                    () -> rt.archive().invoices().dispose(freshId, "it", "too early"));
            assertEquals(DisposalRefusedException.Reason.RETENTION_NOT_OVER, local.reason());
            GatewayException refused = assertThrows(GatewayException.class, () -> rt.ledgerConnection().contract()
                    .submitTransaction("transition", freshId, "DISPOSE", "too early", ""));
            ChaincodeError err = ChaincodeError.of(refused);
            assertNotNull(err, refused.getMessage());
            assertEquals("ILLEGAL_TRANSITION", err.code());
            assertTrue(err.message().contains("retained until " + fresh.invoice().retainUntil()), err.message());
            assertEquals("ISSUED", JSON.readTree(rt.ledgerConnection().contract().evaluateTransaction("getInvoice", freshId))
                    .path("status").asText());
            assertEquals(InvoiceStatus.ISSUED, rt.archive().invoices().get(freshId).orElseThrow().status());
            assertTrue(rt.archive().documents().document(fresh.invoice().docHash()).isPresent());

            // the old one: disposed on the ledger, applied by the ledger sync (document deleted, tombstone kept)
            rt.ledgerConnection().contract().submitTransaction("transition", id, "DISPOSE", "retention period over", "");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!rt.archive().invoices().get(id).orElseThrow().disposed()) {
                assertTrue(System.nanoTime() < deadline, "the ledger sync did not apply the disposal");
                Thread.sleep(100);
            }
            assertTrue(rt.archive().documents().document(r.invoice().docHash()).isEmpty(), "the original is deleted");

            RetentionProof proof = awaitProof(builder, id);
            assertEquals("DISPOSED", proof.status().status());
            assertNotNull(proof.status().evidence());
            assertEquals("DISPOSE", proof.status().history().get(0).action());
            VerificationReport ok = verifier.verify(proof, null);
            assertTrue(ok.passed(), () -> "disposed bundle fails: " + ok.checks());
            CheckResult lawful = ok.checks().stream().filter(c -> c.name().equals("lawful-disposal")).findFirst()
                    .orElseThrow();
            assertTrue(lawful.reason().contains("after the retention period ending " + retainUntil), lawful.reason());
            // whoever kept a copy of the original can still match it against the proven hashes
            assertTrue(verifier.verify(proof, original).passed());
            if (Boolean.getBoolean("fapiao.writeProofFixture")) {
                Path out = LedgerNetwork.repoRoot().resolve("node/src/test/resources/proof");
                Files.createDirectories(out);
                Files.writeString(out.resolve("disposed-bundle.json"), proof.toJson());
                Files.write(out.resolve("disposed-document.xml"), original);
            }

            ObjectNode tree = (ObjectNode) JSON.readTree(proof.toJson());
            assertTrue(mutateEveryField(rt, verifier, tree) >= 40);
            // even the node's own key cannot present a disposal without the disposal's block
            ObjectNode noEvidence = tree.deepCopy();
            ((ObjectNode) noEvidence.get("status")).putNull("evidence");
            List<String> failed = verifier.verify(resign(rt, noEvidence.toString()), null).failed();
            assertTrue(failed.containsAll(List.of("status-latest", "lawful-disposal")), failed.toString());
            // nor pass off another transition's block as the disposal
            ObjectNode otherTx = tree.deepCopy();
            ((ObjectNode) otherTx.get("status")).set("evidence", JSON.valueToTree(proof.anchoring()));
            failed = verifier.verify(resign(rt, otherTx.toString()), null).failed();
            assertTrue(failed.containsAll(List.of("status-tx.write-set", "status-latest", "lawful-disposal")),
                    failed.toString());
        }
    }

    /**
     * Flips one bit of each field: the bundle signature fails, and re-signed by the node the field's
     * own check still fails. Returns the number of fields mutated.
     */
    static int mutateEveryField(NodeRuntime rt, RetentionProofVerifier verifier, ObjectNode tree) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", tree, leaves);
        int mutated = 0;
        for (var e : leaves.entrySet()) {
            String path = e.getKey();
            if (path.equals("signature") || path.equals("version")) {
                continue; // checked apart: the bundle signature itself; another version is refused outright
            }
            ObjectNode m = tree.deepCopy();
            set(m, path, flip(e.getValue()));
            String expected = BundleFieldChecks.expectedCheck(path, false);
            VerificationReport r = verifier.verify(m.toString(), null);
            assertFalse(r.passed(), "mutation of " + path + " passed");
            assertTrue(r.failed().contains("bundle-signature"), path + ": " + r.failed());
            // re-signed by the node: the field's own check still fails
            if (!expected.equals("bundle-signature")) {
                RetentionProof resigned = resign(rt, m.toString());
                VerificationReport r2 = verifier.verify(resigned, null);
                assertTrue(r2.failed().stream().anyMatch(f -> f.startsWith(expected)),
                        () -> "mutation of " + path + " expected " + expected + " to fail, failed: " + r2.failed());
            }
            mutated++;
        }
        return mutated;
    }

    static RetentionProof resign(NodeRuntime rt, String json) {
        RetentionProof p = RetentionProof.parse(json);
        return p.withSignature(rt.sealer().signProofBundle(p.signedBytes()));
    }
}
