package dev.fapiao.node.it;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.cli.InvoiceNodeCli;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.renewal.RenewalAlgorithm;
import dev.fapiao.node.renewal.RenewalChain;
import dev.fapiao.node.renewal.RenewalEncoding;
import dev.fapiao.node.renewal.RenewalLink;
import dev.fapiao.node.ledger.RenewalPrevious;
import dev.fapiao.node.ledger.RenewalRequest;
import dev.fapiao.node.renewal.RenewalResult;
import dev.fapiao.node.renewal.RenewalVerifier;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.Receipt;
import dev.fapiao.node.service.Submission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-term renewal on the real network (docs/renewal.md): a serving node renews under SHA-256,
 * then SHA3-256, the CLI renews a stopped node, and the chains verify offline with and without the
 * documents; the chaincode refuses renewals that do not extend the anchored evidence.
 */
@ExtendWith(LedgerNetwork.class)
class RenewalIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    static NodeConfig config(Path dataDir, String nodeId) {
        return ItNodes.config(dataDir, nodeId, Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "2"));
    }

    static List<Receipt> submit(NodeRuntime rt, InvoiceGenerator gen, int n) {
        List<CompletableFuture<Receipt>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(ItNodes.submit(rt, gen, gen.creditCode()));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    /** Waits until the node has anchored (and recorded) a checkpoint of {@code size} leaves. */
    static void awaitCheckpoint(NodeRuntime rt, long size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (rt.archiveLog().lastAnchored().map(c -> c.treeSize()).orElse(0L) < size) {
            assertTrue(System.nanoTime() < deadline, "no checkpoint of size " + size + "; last "
                    + rt.archiveLog().lastAnchored() + ", error " + rt.checkpointer().lastError());
            Thread.sleep(200);
        }
    }

    static RenewalVerifier.Subject subject(NodeRuntime rt, String invoiceId) {
        ArchivedInvoice inv = rt.archive().invoices().get(invoiceId).orElseThrow();
        return RenewalVerifier.Subject.of(rt.config().node().id(), invoiceId,
                rt.archiveLog().leafIndex(invoiceId).getAsLong(), inv.docHash(), inv.metaHash(),
                inv.retainUntil().toString());
    }

    static List<String> failed(List<CheckResult> checks) {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }

    @Test
    void aServingNodeRenewsAndEveryChainVerifiesOffline(@TempDir Path dir) throws Exception {
        String nodeId = "rn-" + System.nanoTime();
        NodeConfig cfg = config(dir, nodeId);
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        RenewalVerifier verifier = new RenewalVerifier(TrustAnchors.parse(RetentionProofIT.trustJson()));
        List<Receipt> receipts;
        String oldId;
        byte[] oldOriginal;
        try (NodeRuntime rt = NodeRuntime.start(cfg, Clock.systemUTC())) {
            receipts = new ArrayList<>(submit(rt, gen, 4));
            // an invoice whose retention is over, disposed on the ledger and applied by the sync: a tombstone
            Instant issued = Instant.now().minus(Duration.ofDays(16 * 365 + 4)).truncatedTo(ChronoUnit.MILLIS);
            Invoice old = gen.invoice(gen.creditCode(), issued);
            oldOriginal = gen.document(old, 2_000, 4_000);
            oldId = rt.invoices().submit(new Submission(old, oldOriginal, "application/xml")).join().invoice().invoiceId();
            ItNodes.awaitDrained(rt, Duration.ofSeconds(60));
            rt.ledgerConnection().contract().submitTransaction("transition", oldId, "DISPOSE", "retention period over", "");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!rt.archive().invoices().get(oldId).orElseThrow().disposed()) {
                assertTrue(System.nanoTime() < deadline, "the ledger sync did not apply the disposal");
                Thread.sleep(100);
            }
            awaitCheckpoint(rt, 5);

            // renewal 1 under SHA-256, while the node serves
            RenewalResult r1 = rt.renewals().renewer().renew(RenewalAlgorithm.SHA_256);
            assertTrue(r1.anchoredNow());
            assertEquals(1, r1.sequence());
            assertTrue(r1.logTreeSize() >= 5, "covers the anchored checkpoint: " + r1);
            assertEquals(r1.logTreeSize() + 1, r1.treeSize());
            assertEquals(1, r1.disposed());
            JsonNode onLedger = JSON.readTree(rt.ledgerConnection().contract().evaluateTransaction("getRenewal", nodeId, "1"));
            assertEquals(r1.rootHash(), onLedger.path("rootHash").asText());
            assertEquals(r1.txId(), onLedger.path("anchoredTxId").asText());
            assertEquals(rt.sealer().keyId(), onLedger.path("keyId").asText());

            String id = receipts.get(2).invoice().invoiceId();
            byte[] document = rt.archive().documents().document(receipts.get(2).invoice().docHash()).orElseThrow();
            byte[] metadata = rt.archive().invoices().get(id).orElseThrow().metadataJson().getBytes(StandardCharsets.UTF_8);
            RenewalChain chain = rt.renewals().evidence().chain(id);
            assertEquals(1, chain.steps().size());
            List<CheckResult> ok = verifier.verify(subject(rt, id), chain, document, metadata);
            assertEquals(List.of(), failed(ok), ok.toString());
            assertTrue(ok.stream().map(CheckResult::name).toList().containsAll(List.of("renewals", "renewal-1.leaf",
                    "renewal-1.inclusion", "renewal-1.previous", "renewal-1.log", "renewal-1.signature",
                    "renewal-1.document-hash", "renewal-1.metadata-hash", "renewal-1-block.data-hash",
                    "renewal-1-block.orderer-signature", "renewal-1-tx.endorsements", "renewal-1-tx.write-set")),
                    ok.toString());
            assertEquals(List.of(), failed(verifier.verify(subject(rt, id), chain, null, null)), "without the document");
            assertEquals(List.of("renewal-1.document-hash"), failed(verifier.verify(subject(rt, id), chain,
                    oldOriginal, null)), "another document");
            // through JSON, as inside a bundle
            assertEquals(List.of(), failed(verifier.verify(subject(rt, id), RenewalChain.parse(chain.toJson()),
                    document, null)));
            mutateEveryField(verifier, subject(rt, id), chain);

            // the tombstone: renewed with the disposed marker; the original no longer matches a renewed hash
            RenewalChain oldChain = rt.renewals().evidence().chain(oldId);
            assertTrue(oldChain.steps().get(0).leaf().disposed());
            assertEquals(List.of(), failed(verifier.verify(subject(rt, oldId), oldChain, null, null)));
            assertEquals(List.of("renewal-1.document-hash"), failed(verifier.verify(subject(rt, oldId), oldChain,
                    oldOriginal, null)));

            // more invoices, a later checkpoint, renewal 2 under SHA3-256 extends renewal 1
            receipts.addAll(submit(rt, gen, 2));
            awaitCheckpoint(rt, r1.logTreeSize() + 2);
            RenewalResult r2 = rt.renewals().renewer().renew(RenewalAlgorithm.SHA3_256);
            assertEquals(2, r2.sequence());
            assertTrue(r2.logTreeSize() >= r1.logTreeSize() + 2);
            RenewalChain both = rt.renewals().evidence().chain(id);
            assertEquals(2, both.steps().size());
            assertEquals(new RenewalPrevious("SHA-256", r1.treeSize(), r1.rootHash()), both.steps().get(1).previous());
            assertEquals(List.of(), failed(verifier.verify(subject(rt, id), both, document, metadata)));
            String newest = receipts.get(5).invoice().invoiceId();
            RenewalChain onlySecond = rt.renewals().evidence().chain(newest);
            assertEquals(1, onlySecond.steps().size());
            assertEquals(2, onlySecond.steps().get(0).sequence());
            assertEquals(List.of(), failed(verifier.verify(subject(rt, newest), onlySecond,
                    rt.archive().documents().document(receipts.get(5).invoice().docHash()).orElseThrow(), null)));
        }

        // the CLI renews the stopped node (renewal 3, SHA-256 again, over the same anchored log)
        Path yaml = dir.resolve("node.yaml");
        Files.writeString(yaml, "node:\n  id: " + nodeId + "\n  dataDir: " + dir + "\nledger:\n  profile: "
                + LedgerNetwork.repoRoot().resolve("run/network/network.json") + "\n");
        assertEquals(0, InvoiceNodeCli.newCommandLine().execute("renew", "--config", yaml.toString(),
                "--algorithm", "SHA-256"));
        try (NodeRuntime rt = NodeRuntime.start(cfg, Clock.systemUTC())) {
            String id = receipts.get(2).invoice().invoiceId();
            RenewalChain three = rt.renewals().evidence().chain(id);
            assertEquals(List.of(1L, 2L, 3L), three.steps().stream().map(s -> s.sequence()).toList());
            byte[] document = rt.archive().documents().document(receipts.get(2).invoice().docHash()).orElseThrow();
            assertEquals(List.of(), failed(verifier.verify(subject(rt, id), three, document, null)));

            // the retention proof bundle carries the chain, and its verifier follows it
            RetentionProof bundle = rt.proofBuilder(Clock.systemUTC()).build(id);
            assertEquals(3, bundle.renewals().steps().size());
            RetentionProofVerifier bundles = new RetentionProofVerifier(TrustAnchors.parse(RetentionProofIT.trustJson()));
            VerificationReport report = bundles.verify(bundle.toJson(), document);
            assertTrue(report.passed(), () -> "bundle with renewals fails: " + report.failed());
            for (String check : List.of("renewal-1.leaf", "renewal-2.inclusion", "renewal-3.previous",
                    "renewal-3.document-hash", "renewal-3-tx.endorsements", "bundle-signature")) {
                assertTrue(report.checks().stream().anyMatch(c -> c.name().equals(check) && c.passed()), check);
            }
            // a renewal step of another invoice, re-signed by the node: the renewal checks fail by name
            RetentionProof other = rt.proofBuilder(Clock.systemUTC()).build(receipts.get(0).invoice()
                    .invoiceId());
            RetentionProof swapped = new RetentionProof(bundle.version(), bundle.invoiceId(), bundle.generatedAt(),
                    bundle.invoice(), bundle.seal(), bundle.anchoring(), bundle.inclusion(), bundle.checkpoint(),
                    bundle.status(), bundle.retention(), other.renewals(), null);
            swapped = swapped.withSignature(rt.sealer().signProofBundle(swapped.signedBytes()));
            List<String> swappedFailed = bundles.verify(swapped, document).failed();
            assertFalse(swappedFailed.isEmpty());
            assertTrue(swappedFailed.stream().allMatch(f -> f.startsWith("renewal")), swappedFailed.toString());
            // renewing again with nothing new anchors nothing
            assertFalse(rt.renewals().renewer().renew(RenewalAlgorithm.SHA_256).anchoredNow());
        }
    }

    /** Flips one bit of each field of the chain: some named check fails, the Fabric one for the block fields. */
    static void mutateEveryField(RenewalVerifier verifier, RenewalVerifier.Subject subject, RenewalChain chain) {
        ObjectNode tree = JSON.valueToTree(chain);
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", tree, leaves);
        int mutated = 0;
        for (var e : leaves.entrySet()) {
            String path = e.getKey();
            if (path.equals("version")) {
                continue;
            }
            ObjectNode m = tree.deepCopy();
            set(m, path, flip(e.getValue()));
            List<String> failed = failed(verifier.verify(subject, RenewalChain.parse(m.toString()), null, null));
            assertFalse(failed.isEmpty(), "mutation of " + path + " passed");
            if (path.startsWith("steps.0.anchoring.")) {
                assertTrue(failed.stream().anyMatch(f -> f.startsWith("renewal-1-block.") || f.startsWith("renewal-1-tx.")),
                        path + ": " + failed);
            }
            if (path.startsWith("steps.0.signer.signature") || path.startsWith("steps.0.rootHash")) {
                assertTrue(failed.contains("renewal-1-tx.write-set"), path + ": " + failed);
            }
            mutated++;
        }
        assertTrue(mutated >= 25, "mutated " + mutated);
    }

    @Test
    void theChaincodeRefusesARenewalThatDoesNotExtendTheAnchoredEvidence(NetworkProfile profile, @TempDir Path dir)
            throws Exception {
        String nodeId = "rn-forge-" + System.nanoTime();
        NodeConfig cfg = config(dir, nodeId);
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        RenewalResult r1;
        String root3;
        String forgedLog = HEX.formatHex(dev.fapiao.node.crypto.Sm3.hash("a rewritten archive".getBytes(
                StandardCharsets.UTF_8)));
        try (NodeRuntime rt = NodeRuntime.start(cfg, Clock.systemUTC());
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"))) {
            submit(rt, gen, 3);
            awaitCheckpoint(rt, 3);
            root3 = HEX.formatHex(rt.archiveLog().root(3));
            PeersInStep.await(rt.ledgerConnection(), auditor);
            // renewal 1 over a log root that is not the anchored checkpoint's, signed with the node's own key
            ChaincodeError err = refused(rt.ledgerConnection(), rt.sealer(), nodeId, 1, 3, forgedLog, null);
            assertEquals("CONFLICT", err.code());
            assertTrue(err.message().startsWith("CONFLICT: the log tree (3, " + forgedLog + ") is not the anchored "
                    + "checkpoint of node " + nodeId + " (3, " + root3 + ")"), err.message());
            // nor a larger log than anchored
            err = refused(rt.ledgerConnection(), rt.sealer(), nodeId, 1, 4, forgedLog, null);
            assertTrue(err.message().contains("it is larger"), err.message());
            assertEquals(0, JSON.readTree(auditor.contract().evaluateTransaction("getRenewals", nodeId)).size());
            r1 = rt.renewals().renewer().renew(RenewalAlgorithm.SHA_256);
            assertEquals(3, r1.logTreeSize());
        }
        Sealer node = new Sealer(Sm2PrivateKey.fromPem(Files.readString(cfg.sealKeyFile(), StandardCharsets.US_ASCII)));
        try (LedgerConnection enterprise = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"));
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"))) {
            PeersInStep.await(enterprise, auditor);
            RenewalPrevious previous = new RenewalPrevious("SHA-256", r1.treeSize(), r1.rootHash());
            // renewal 2 over a forged log root
            ChaincodeError err = refused(enterprise, node, nodeId, 2, 3, forgedLog, previous);
            assertEquals("CONFLICT", err.code());
            // a previous root that is not the anchored renewal 1
            err = refused(enterprise, node, nodeId, 2, 3, root3, new RenewalPrevious("SHA-256", r1.treeSize(),
                    HEX.formatHex(RenewalAlgorithm.SHA_256.digest(new byte[] {1}))));
            assertEquals("CONFLICT", err.code());
            assertTrue(err.message().startsWith("CONFLICT: previous ("), err.message());
            // a second root for sequence 1
            err = refused(enterprise, node, nodeId, 1, 3, root3, null);
            assertEquals("CONFLICT", err.code());
            assertTrue(err.message().contains("already anchored renewal 1"), err.message());
            // a gap
            err = refused(enterprise, node, nodeId, 3, 3, root3, previous);
            assertTrue(err.message().contains("must follow renewal 2"), err.message());
            // nothing changed
            JsonNode all = JSON.readTree(auditor.contract().evaluateTransaction("getRenewals", nodeId));
            assertEquals(1, all.size());
            assertEquals(r1.rootHash(), all.get(0).path("rootHash").asText());
        }
    }

    static ChaincodeError refused(LedgerConnection conn, Sealer node, String nodeId, long sequence, long logSize,
            String logRoot, RenewalPrevious previous) throws Exception {
        String root = HEX.formatHex(RenewalAlgorithm.SHA_256.digest(("forged tree " + sequence).getBytes(
                StandardCharsets.UTF_8)));
        RenewalLink link = new RenewalLink(nodeId, sequence, "SHA-256", logSize, logRoot, previous);
        String sig = node.signProofBundle(RenewalEncoding.encode(link, logSize + 1, root));
        RenewalRequest q = new RenewalRequest(nodeId, sequence, "SHA-256", logSize + 1, root, logSize, logRoot,
                List.of(), previous, sig);
        GatewayException e = assertThrows(GatewayException.class,
                () -> conn.contract().submitTransaction("anchorRenewal", JSON.writeValueAsString(q)));
        ChaincodeError err = ChaincodeError.of(e);
        assertNotNull(err, "expected a chaincode error, got: " + e.getMessage());
        return err;
    }
}
