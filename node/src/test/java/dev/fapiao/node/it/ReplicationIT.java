package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.replication.DocumentServer;
import dev.fapiao.node.replication.MemberTrust;
import dev.fapiao.node.replication.NodeTls;
import dev.fapiao.node.replication.PeerNode;
import dev.fapiao.node.replication.Replicator;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new member's archive node replicates by fetch-and-verify: node A (EnterpriseServicesMSP) archives
 * and anchors 1,000 invoices; an organisation joins ({@code network.sh add-org}); its node B fetches
 * every one of them over the node-to-node API with the joiner's Fabric identity, first from a node of
 * the tax authority that serves one document with one changed byte (refused, fetched from A instead),
 * is closed half-way and resumes without refetching what it holds, and then issues a retention proof
 * of a replicated invoice that the verifier accepts. B holds only the joiner's identities: its NODE key
 * and checkpoints are the joiner's own ({@link OwnNodeKeys}). Prints the replication rate.
 */
@ExtendWith(LedgerNetwork.class)
class ReplicationIT {

    private static final String TAX = "TaxAuthorityMSP";
    private static final int INVOICES = 1000;

    @Test
    void aNewMembersNodeReplicatesEveryInvoiceAndRefusesATamperedCopy(NetworkProfile founders, @TempDir Path dir)
            throws Exception {
        String name = "replica" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String msp = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "MSP";
        Path trustFile = NetworkScript.runDir().resolve("trust.json");
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String issuer = gen.creditCode();
        Map<String, String> serve = Map.of("FAPIAO_REPLICATION_SERVE", "true", "FAPIAO_REPLICATION_PORT", "0",
                "FAPIAO_REPLICATION_TRUST_FILE", trustFile.toString());
        String aId = "repl-a-" + System.nanoTime();
        try (NodeRuntime a = NodeRuntime.start(ItNodes.config(dir.resolve("a"), aId, serve), Clock.systemUTC())) {
            long startBlock = a.ledger().chainHeight();
            List<String> ids;
            try (SteadyLoad load = SteadyLoad.start(a, gen, issuer)) {
                load.awaitAcked(INVOICES, 300);
                ids = load.stop();
            }
            ItNodes.awaitDrained(a, Duration.ofMinutes(5));

            NetworkScript.Result join = NetworkScript.run("add-org", name);
            assertEquals(0, join.exitCode(), join.output());
            NetworkProfile members = NetworkProfile.read(NetworkScript.runDir().resolve("network.json"));

            // the tax authority's node serves A's archive, but with one byte of one document changed
            String victim = ids.get(ids.size() / 3);
            String victimHash = a.archive().invoices().get(victim).orElseThrow().docHash();
            Map<String, AtomicInteger> badServed = new ConcurrentHashMap<>();
            DocumentStore tampering = hash -> {
                badServed.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
                return a.archive().documents().document(hash).map(b -> hash.equals(victimHash) ? flipOneByte(b) : b);
            };
            LedgerSettings tax = members.settings(TAX, "User1");
            String taxHost = host(members.peerAddress(TAX));
            String aHost = host(members.peerAddress("EnterpriseServicesMSP"));
            try (DocumentServer bad = DocumentServer.start(a.archive().invoices(), tampering,
                    NodeTls.context(tax.certificate(), tax.privateKey(), MemberTrust.of(trustFile)),
                    MemberTrust.of(trustFile), taxHost, 0)) {
                // B holds only the joiner's identities: its ledger identity (User1) checkpoints, its Admin
                // registers B's NODE key, and the node-to-node TLS uses the ledger identity too
                Map<String, String> replicate = new HashMap<>(Map.of(
                        "FAPIAO_LEDGER_MSP_ID", msp,
                        "FAPIAO_REPLICATION_ENABLED", "true",
                        "FAPIAO_REPLICATION_PEERS", TAX + "=https://" + taxHost + ":" + bad.port()
                                + ",EnterpriseServicesMSP=https://" + aHost + ":" + a.documentServer().port(),
                        "FAPIAO_REPLICATION_ISSUERS", issuer,
                        "FAPIAO_REPLICATION_START_BLOCK", Long.toString(startBlock),
                        "FAPIAO_REPLICATION_TRUST_FILE", trustFile.toString(),
                        "FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "2"));
                NodeConfig bConfig = ItNodes.config(dir.resolve("b"), "repl-b-" + System.nanoTime(), replicate);

                long start = System.nanoTime();
                try (NodeRuntime b = NodeRuntime.start(bConfig, Clock.systemUTC())) {
                    await(b.replicator(), s -> s.held() >= INVOICES / 3, Duration.ofMinutes(5));
                } // closed half-way
                long firstRun = System.nanoTime() - start;
                Set<String> heldAtRestart = new HashSet<>();
                try (Archive archive = Archive.open(NodeRuntime.archiveOptions(bConfig, Clock.systemUTC()))) {
                    ids.forEach(id -> archive.invoices().get(id).ifPresent(i -> heldAtRestart.add(i.docHash())));
                }
                Map<String, Integer> servedAtRestart = snapshot(badServed);
                assertTrue(heldAtRestart.size() >= INVOICES / 3 && heldAtRestart.size() < ids.size(),
                        "held at restart: " + heldAtRestart.size());

                start = System.nanoTime();
                try (NodeRuntime b = NodeRuntime.start(bConfig, Clock.systemUTC())) {
                    Replicator.Stats s = await(b.replicator(), x -> x.held() >= ids.size(), Duration.ofMinutes(10));
                    long secondRun = System.nanoTime() - start;
                    double rate = (ids.size() - heldAtRestart.size()) / (secondRun / 1e9);
                    System.out.printf("replication: %d invoices fetched and verified, %.1f/s after the restart, "
                            + "%.1f/s overall (two runs, %d ms + %d ms), %d refused, %d missing%n", ids.size(), rate,
                            ids.size() / ((firstRun + secondRun) / 1e9), firstRun / 1_000_000, secondRun / 1_000_000,
                            s.refused(), s.missing());
                    assertEquals(0, s.missing(), "missing");
                    assertTrue(s.refused() >= 1, "the tampered copy was not refused");

                    for (String id : ids) { // every copy is A's, byte for byte
                        ArchivedInvoice mine = b.archive().invoices().get(id).orElseThrow(() -> new AssertionError(id));
                        ArchivedInvoice theirs = a.archive().invoices().get(id).orElseThrow();
                        assertEquals(theirs.docHash(), mine.docHash(), id);
                        assertEquals(theirs.metaHash(), mine.metaHash(), id);
                        assertEquals(theirs.seal(), mine.seal(), id);
                        assertTrue(b.archive().documents().document(mine.docHash()).isPresent(), id);
                    }
                    byte[] fromB = b.archive().documents().document(victimHash).orElseThrow();
                    assertEquals(victimHash, dev.fapiao.node.crypto.Sm3.hashHex(fromB), "the victim came from A");
                    // resumed without refetching: nothing held at the restart was asked for again
                    for (String hash : heldAtRestart) {
                        assertEquals(servedAtRestart.getOrDefault(hash, 0), count(badServed, hash), hash);
                    }
                    int fetchedTwice = (int) badServed.values().stream().filter(c -> c.get() > 1).count();
                    assertTrue(fetchedTwice <= bConfig.replication().parallelism() + 1,
                            "copies fetched twice (at most those in flight at the close): " + fetchedTwice);

                    // B's own Merkle log and checkpoints cover the copies: it proves retention on its own
                    String replicated = ids.get(ids.size() - 1);
                    RetentionProof proof = RetentionProofIT.awaitProof(b.proofBuilder(Clock.systemUTC()), replicated);
                    VerificationReport report = new RetentionProofVerifier(
                            TrustAnchors.parse(Files.readString(trustFile))).verify(proof.toJson(),
                            b.archive().documents().document(b.archive().invoices().get(replicated).orElseThrow()
                                    .docHash()).orElseThrow());
                    assertTrue(report.passed(), () -> "proof of a replicated invoice fails: " + report.checks());
                    assertEquals(bConfig.node().id(), new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(proof.toJson()).at("/checkpoint/nodeId").asText(), "the proof is B's own");
                    // a member's node answering where another member's was configured: refused before it is asked
                    MemberTrust trust = MemberTrust.of(trustFile);
                    LedgerSettings joiner = members.settings(msp, "User1");
                    javax.net.ssl.SSLContext tls = NodeTls.context(joiner.certificate(), joiner.privateKey(), trust);
                    String badUrl = "https://" + taxHost + ":" + bad.port();
                    long servedBefore = bad.served();
                    PeerNode.PeerIdentityException posing = org.junit.jupiter.api.Assertions.assertThrows(
                            PeerNode.PeerIdentityException.class,
                            () -> new PeerNode(badUrl, tls, 10_000, "EnterpriseServicesMSP", trust).fetch(replicated));
                    assertTrue(posing.getMessage().contains("an identity of " + TAX), posing.getMessage());
                    assertEquals(servedBefore, bad.served(), "the impostor was asked nothing");
                    assertTrue(new PeerNode(badUrl, tls, 10_000, TAX, trust).fetch(replicated).isPresent(),
                            "as the member it is, it answers");

                    OwnNodeKeys.check(b, bConfig.node().id(), aId, members, name, msp, proof, trustFile);
                }
            }
        } finally {
            if (Files.readAllLines(NetworkScript.runDir().resolve("shared/members")).contains(name)) {
                NetworkScript.run("remove-org", name);
            }
        }
    }

    private static Replicator.Stats await(Replicator r, Predicate<Replicator.Stats> done, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Replicator.Stats s = r.stats();
            if (done.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replication stalled: " + s);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] flipOneByte(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 0x01;
        return c;
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> m = new HashMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private static int count(Map<String, AtomicInteger> counts, String key) {
        AtomicInteger c = counts.get(key);
        return c == null ? 0 : c.get();
    }

    private static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }
}
