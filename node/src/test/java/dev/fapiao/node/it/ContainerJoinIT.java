package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * A third organisation joins with its peer and chaincode server as containers
 * ({@code network.sh add-org NAME --containers}) and its archive node (+ gateway) as a
 * Testcontainers container, all on the local images of scripts/images.sh with host networking
 * on the organisation's own loopback address, next to the founders' native processes. Its peer
 * endorses (a transaction that needs it commits) and serves history; its archive node follows
 * the ledger from genesis and serves provenance through its own peer. Prints the durations.
 */
@ExtendWith(LedgerNetwork.class)
class ContainerJoinIT {

    private static final String TAX = "TaxAuthorityMSP";
    private static final String ENT = "EnterpriseServicesMSP";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJoinersPeerAndArchiveNodeRunAsContainers(NetworkProfile twoOrgs, @TempDir Path dir) throws Exception {
        ArchiveNodeContainer.requireEngine(ArchiveNodeContainer.IMAGE); // peer, chaincode: network.sh builds them
        long started = System.nanoTime();
        String name = "box" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String msp = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "MSP";
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir.resolve("native"), "native-" + System.nanoTime()),
                Clock.systemUTC())) {
            List<String> before = anchor(rt, gen, 20);

            NetworkScript.Result join = NetworkScript.run("add-org", name, "--containers");
            assertEquals(0, join.exitCode(), join.output());
            System.out.printf("container-join: %s joined with its peer in a container in %d ms%n", name, join.millis());
            assertHostNetworked(name, "peer0");
            assertHostNetworked(name, "chaincode");
            String host = orgHost(name);

            NetworkProfile threeOrgs = NetworkProfile.read(NetworkScript.runDir().resolve("network.json"));
            assertEquals(host + ":7051", threeOrgs.peerAddress(msp), "the joiner's peer on its own address");
            try (LedgerConnection joiner = LedgerConnection.open(threeOrgs.settings(msp, "User1"));
                 LedgerConnection enterprise = LedgerConnection.open(threeOrgs.settings(ENT, "User1"));
                 LedgerConnection operator = LedgerConnection.open(threeOrgs.settings(msp, "Admin"))) {
                PeersInStep.await(joiner, enterprise);
                // MAJORITY of three without the tax authority: only the containerised peer's endorsement makes it valid
                Status alone = transition(enterprise, before.get(0), ENT);
                assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, alone.getCode(), "endorsed by " + ENT + " alone");
                Status withJoiner = transition(enterprise, before.get(0), ENT, msp);
                assertTrue(withJoiner.isSuccessful(), "endorsed by " + ENT + " and " + msp + ": " + withJoiner.getCode());
                // its peer serves the history, including what was anchored before it existed
                PeersInStep.await(joiner, enterprise);
                JsonNode history = JSON.readTree(joiner.contract().evaluateTransaction("getInvoiceHistory", before.get(0)));
                assertEquals(2, history.size(), "anchor and delivery, read from the containerised peer: " + history);
                AnchoredOnce.check(rt.archive(), joiner, before.subList(1, before.size()));

                Path data = dir.resolve("box-node");
                long nodeStart = System.nanoTime();
                List<String> all = new ArrayList<>(before);
                try (ArchiveNodeContainer node = ArchiveNodeContainer.start("box-" + System.nanoTime(), msp, host,
                        8443, data, operator)) {
                    System.out.printf("container-join: archive node container ready in %d ms%n",
                            Duration.ofNanos(System.nanoTime() - nodeStart).toMillis());
                    assertEquals("host", DockerClientFactory.instance().client().inspectContainerCmd(node.containerId())
                            .exec().getHostConfig().getNetworkMode());
                    assertEquals(200, node.get("/ready", null).statusCode(), "ready: archive and ledger answer");
                    all.addAll(anchor(rt, gen, 10)); // anchored while it runs
                    awaitFollowed(node, all, Duration.ofMinutes(3));

                    // an operator's read goes through the node's own identity, i.e. the joiner's containerised peer
                    String operatorToken = node.token("operator");
                    HttpResponse<String> prov = node.get("/v1/invoices/" + before.get(0) + "/provenance", operatorToken);
                    assertEquals(200, prov.statusCode(), prov.body());
                    JsonNode tx = JSON.readTree(prov.body()).path("transactions");
                    assertEquals(2, tx.size(), prov.body());
                    assertEquals(Set.of(ENT), msps(tx), "anchor and delivery were submitted by enterprise services");
                }
                // the node closed its archive on SIGTERM: what it followed is durable in its own folder
                try (Archive archive = Archive.open(ArchiveOptions.defaults(data.resolve("archive")))) {
                    Set<String> reported = archive.auditLog().read(0, Integer.MAX_VALUE).stream()
                            .filter(e -> e.action().equals("MISSING_DOCUMENT")).map(e -> e.target())
                            .collect(Collectors.toSet());
                    assertTrue(reported.containsAll(all), "every anchored invoice seen by the container's sync");
                    assertTrue(archive.nodeState().missingDocuments() >= all.size());
                    assertTrue(archive.nodeState().syncCursor().isPresent(), "sync cursor is durable");
                }
            }
        } finally {
            if (Files.readAllLines(NetworkScript.runDir().resolve("shared/members")).contains(name)) {
                NetworkScript.Result leave = NetworkScript.run("remove-org", name);
                assertEquals(0, leave.exitCode(), leave.output());
            }
        }
        System.out.printf("container-join: ContainerJoinIT took %d s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static List<String> anchor(NodeRuntime rt, InvoiceGenerator gen, int n) throws Exception {
        List<String> ids = RetentionProofIT.submit(rt, gen, n).stream().map(r -> r.invoice().invoiceId()).toList();
        ItNodes.awaitDrained(rt, Duration.ofMinutes(2));
        return ids;
    }

    private static Status transition(LedgerConnection c, String id, String... endorsers) throws Exception {
        return c.contract().newProposal("transition").addArguments(id, "DELIVER", "delivered to the buyer", "")
                .setEndorsingOrganizations(endorsers).build().endorse().submitAsync().getStatus();
    }

    private static void assertHostNetworked(String org, String process) {
        String prefix = System.getenv().getOrDefault("FAPIAO_NET_PREFIX", "127.0").replace('.', '-');
        InspectContainerResponse c = DockerClientFactory.instance().client()
                .inspectContainerCmd("fapiao-" + prefix + "-" + org + "-" + process).exec();
        assertTrue(Boolean.TRUE.equals(c.getState().getRunning()), process + " of " + org + " runs as a container");
        assertEquals("host", c.getHostConfig().getNetworkMode(), process + " of " + org);
    }

    private static String orgHost(String org) throws Exception {
        return Files.readAllLines(NetworkScript.runDir().resolve("orgs/" + org + "/org.env")).stream()
                .filter(l -> l.startsWith("ORG_HOST=")).map(l -> l.substring("ORG_HOST=".length()))
                .findFirst().orElseThrow();
    }

    /** Waits until the container's sync reported every invoice in {@code ids} (its debug lines). */
    private static void awaitFollowed(ArchiveNodeContainer node, List<String> ids, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            String logs = node.logs();
            List<String> missing = ids.stream().filter(id -> !logs.contains("invoice " + id + " is anchored")).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the container's sync did not reach " + missing.size() + " of " + ids.size()
                        + " anchored invoices; its log:\n" + logs);
            }
            Thread.sleep(500);
        }
    }

    private static Set<String> msps(JsonNode transactions) {
        Set<String> out = new java.util.HashSet<>();
        transactions.forEach(t -> out.add(t.path("creator").path("mspId").asText()));
        return out;
    }
}
