package dev.fapiao.node.it;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.proof.MalformedProofException;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.proof.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void bundlesVerifyOfflineAndEveryMutationFailsANamedCheck(@TempDir Path dir) throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String trustJson = trustJson();
        RetentionProofVerifier verifier = new RetentionProofVerifier(TrustAnchors.parse(trustJson));
        try (NodeRuntime rt = NodeRuntime.start(config(dir.resolve("a"), "rp-a-" + System.nanoTime()), Clock.systemUTC());
             NodeRuntime other = NodeRuntime.start(config(dir.resolve("b"), "rp-b-" + System.nanoTime()),
                     Clock.systemUTC())) {
            List<Receipt> receipts = submit(rt, gen, 5);
            List<Receipt> otherReceipts = submit(other, gen, 1);
            RetentionProofBuilder builder = RetentionProofBuilder.of(rt, Clock.systemUTC());
            String id = receipts.get(2).invoice().invoiceId();
            RetentionProof proof = awaitProof(builder, id);
            byte[] document = rt.archive().document(proof.seal().docHash()).orElseThrow();

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
            Map<String, JsonNode> leaves = new LinkedHashMap<>();
            collect("", tree, leaves);
            int mutated = 0;
            for (var e : leaves.entrySet()) {
                String path = e.getKey();
                if (path.equals("signature") || path.equals("version")) {
                    continue; // checked below: the bundle signature itself; another version is refused outright
                }
                JsonNode changed = flip(e.getValue());
                if (changed == null) {
                    continue;
                }
                ObjectNode m = tree.deepCopy();
                set(m, path, changed);
                String expected = expectedCheck(path);
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
            assertTrue(mutated >= 40, "mutated " + mutated + " fields");
            // the signature itself
            ObjectNode badSig = tree.deepCopy();
            badSig.set("signature", flip(tree.get("signature")));
            assertEquals(List.of("bundle-signature"), verifier.verify(badSig.toString(), null).failed());

            ObjectNode v2 = tree.deepCopy();
            v2.put("version", 2);
            assertThrows(MalformedProofException.class, () -> verifier.verify(v2.toString(), null));

            // a proof for another document
            byte[] otherDoc = rt.archive().document(receipts.get(0).invoice().docHash()).orElseThrow();
            assertEquals(List.of("document-hash"), verifier.verify(proof, otherDoc).failed());

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
            RetentionProof otherProof = awaitProof(RetentionProofBuilder.of(other, Clock.systemUTC()),
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
            assertEquals(List.of("anchor-block.orderer-signature", "checkpoint-block.orderer-signature"), or.failed());

            // malformed JSON
            assertThrows(MalformedProofException.class, () -> verifier.verify("{\"version\": 1", null));
            assertThrows(MalformedProofException.class, () -> verifier.verify("[]", null));
        }
    }

    static RetentionProof resign(NodeRuntime rt, String json) {
        RetentionProof p = RetentionProof.parse(json);
        return p.withSignature(rt.sealer().signProofBundle(p.signedBytes()));
    }

    /** The check that must fail when {@code path} is changed (besides bundle-signature). */
    static String expectedCheck(String path) {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("invoiceId", "node-seal");
        rules.put("invoice.metadata", "metadata-hash");
        rules.put("seal.docHash", "node-seal");
        rules.put("seal.metaHash", "metadata-hash");
        rules.put("seal.enterprise", "enterprise-signature");
        rules.put("seal.", "node-seal");
        rules.put("anchoring.blockNumber", "anchor-block.number");
        rules.put("anchoring.block", "anchor-");
        rules.put("anchoring.", "anchor-tx.header");
        rules.put("inclusion.", "merkle-inclusion");
        rules.put("checkpoint.anchoring.blockNumber", "checkpoint-block.number");
        rules.put("checkpoint.anchoring.block", "checkpoint-");
        rules.put("checkpoint.anchoring.", "checkpoint-tx.header");
        rules.put("checkpoint.", "checkpoint-signature");
        rules.put("retention.", "retention");
        rules.put("status.legalHold", "retention");
        for (var r : rules.entrySet()) {
            if (path.startsWith(r.getKey())) {
                return r.getValue();
            }
        }
        return "bundle-signature";
    }
}
