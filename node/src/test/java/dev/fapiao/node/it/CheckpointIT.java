package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.Receipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed Merkle checkpoints on the real network: the node anchors checkpoints that extend each
 * other, and the chaincode refuses one that is not an append-only extension.
 */
@ExtendWith(LedgerNetwork.class)
class CheckpointIT {
    static final HexFormat HEX = HexFormat.of();
    static final ObjectMapper JSON = new ObjectMapper();

    static NodeConfig config(Path dataDir, String nodeId) {
        return ItNodes.config(dataDir, nodeId, Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "2"));
    }

    static void submit(NodeRuntime rt, InvoiceGenerator gen, int n) {
        List<CompletableFuture<Receipt>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(ItNodes.submit(rt, gen, gen.creditCode()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** getCheckpoint(nodeId), or null while there is none. */
    static JsonNode checkpoint(Contract contract, String nodeId) throws Exception {
        try {
            return JSON.readTree(contract.evaluateTransaction("getCheckpoint", nodeId));
        } catch (GatewayException e) {
            ChaincodeError err = ChaincodeError.of(e);
            if (err != null && err.code().equals("NOT_FOUND")) {
                return null;
            }
            throw e;
        }
    }

    static JsonNode awaitCheckpoint(Contract contract, String nodeId, long size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode c = checkpoint(contract, nodeId);
            if (c != null && c.path("treeSize").asLong() == size) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint of size " + size + " for " + nodeId + "; latest " + c);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void checkpointsAreAnchoredAndExtendEachOther(NetworkProfile profile, @TempDir Path dir) throws Exception {
        String nodeId = "cp-" + System.nanoTime();
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        try (NodeRuntime rt = NodeRuntime.start(config(dir, nodeId), Clock.systemUTC());
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"))) {
            ArchiveLog log = rt.archiveLog();
            submit(rt, gen, 5);
            JsonNode first = awaitCheckpoint(auditor.contract(), nodeId, 5);
            assertEquals(5, log.size());
            String root5 = HEX.formatHex(log.root(5));
            assertEquals(root5, first.path("rootHash").asText());
            assertEquals(rt.sealer().keyId(), first.path("keyId").asText());

            submit(rt, gen, 3);
            JsonNode second = awaitCheckpoint(auditor.contract(), nodeId, 8);
            String root8 = HEX.formatHex(log.root(8));
            assertEquals(root8, second.path("rootHash").asText());
            assertEquals(HEX.formatHex(log.root()), root8);
            // an auditor can check the two checkpoints offline with the node's consistency proof
            ProofVerifier.verifyConsistency(Sm3Hasher.INSTANCE, 5, 8, log.consistencyProof(5, 8),
                    HEX.parseHex(root5), HEX.parseHex(root8));

            // history: newest first; every entry extends the one before it
            JsonNode history = JSON.readTree(auditor.contract().evaluateTransaction("getCheckpointHistory", nodeId));
            List<Long> sizes = new ArrayList<>();
            List<JsonNode> values = new ArrayList<>();
            history.forEach(h -> {
                sizes.add(0, h.path("value").path("treeSize").asLong());
                values.add(0, h.path("value"));
            });
            assertTrue(sizes.contains(5L) && sizes.contains(8L), "history sizes " + sizes);
            assertEquals(8L, sizes.get(sizes.size() - 1));
            assertTrue(values.get(0).path("previousTreeSize").isNull(), "the first checkpoint extends nothing");
            for (int i = 1; i < values.size(); i++) {
                assertEquals(sizes.get(i - 1), values.get(i).path("previousTreeSize").asLong());
                assertTrue(sizes.get(i) > sizes.get(i - 1));
            }
            // recorded locally with the committing transaction
            List<AnchoredCheckpoint> local = log.anchored();
            assertEquals(sizes, local.stream().map(AnchoredCheckpoint::treeSize).toList());
            AnchoredCheckpoint last = rt.checkpointer().lastAnchored().orElseThrow();
            assertEquals(8, last.treeSize());
            assertEquals(second.path("anchoredTxId").asText(), last.txId());
            assertTrue(last.blockNumber() > 0);
            for (long i = 0; i < 8; i++) {
                assertTrue(log.invoiceAt(i).isPresent());
            }
        }
    }

    @Test
    void chaincodeRefusesANonAppendOnlyCheckpoint(NetworkProfile profile, @TempDir Path dir) throws Exception {
        String nodeId = "cp-forge-" + System.nanoTime();
        NodeConfig config = config(dir, nodeId);
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        try (NodeRuntime rt = NodeRuntime.start(config, Clock.systemUTC());
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"))) {
            submit(rt, gen, 3);
            awaitCheckpoint(auditor.contract(), nodeId, 3);
        }
        // the node is stopped; someone holding its seal key tries to rewrite its history
        Sm2PrivateKey key = Sm2PrivateKey.fromPem(Files.readString(config.sealKeyFile(), StandardCharsets.US_ASCII));
        Sealer forger = new Sealer(key);
        byte[] forgedRoot = Sm3.hash("a rewritten archive".getBytes(StandardCharsets.UTF_8));
        List<String> bogusProof = List.of(HEX.formatHex(Sm3.hash(new byte[] {1})), HEX.formatHex(Sm3.hash(new byte[] {2})),
                HEX.formatHex(Sm3.hash(new byte[] {3})));
        try (LedgerConnection enterprise = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"))) {
            ChaincodeError err = refused(enterprise.contract(), nodeId, 10, forgedRoot, forger,
                    JSON.writeValueAsString(bogusProof));
            assertEquals("CONFLICT", err.code());
            assertTrue(err.message().startsWith(
                    "CONFLICT: checkpoint is not an append-only extension of tree size 3: "), err.message());

            err = refused(enterprise.contract(), nodeId, 10, forgedRoot, forger, "[]");
            assertEquals("CONFLICT", err.code());
            assertTrue(err.message().contains("not an append-only extension of tree size 3"), err.message());

            err = refused(enterprise.contract(), nodeId, 2, forgedRoot, forger, "[]");
            assertEquals("CONFLICT", err.code(), "a size going backwards");

            err = refused(enterprise.contract(), nodeId, 3, forgedRoot, forger, "[]");
            assertEquals("CONFLICT", err.code(), "same size, other root");

            JsonNode onChain = checkpoint(enterprise.contract(), nodeId);
            assertEquals(3, onChain.path("treeSize").asLong(), "nothing changed on the ledger");
        }
    }

    static ChaincodeError refused(Contract contract, String nodeId, long size, byte[] root, Sealer sealer,
                                  String proofJson) {
        GatewayException e = assertThrows(GatewayException.class, () -> contract.submitTransaction("anchorCheckpoint",
                nodeId, Long.toString(size), HEX.formatHex(root), sealer.signCheckpoint(nodeId, size, root), proofJson));
        ChaincodeError err = ChaincodeError.of(e);
        assertNotNull(err, "expected a chaincode error, got: " + e.getMessage());
        return err;
    }
}
