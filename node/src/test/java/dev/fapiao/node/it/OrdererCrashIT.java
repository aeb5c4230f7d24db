package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Raft orderers: the leader is killed with SIGKILL while a node anchors invoices. The
 * other two elect a new leader, anchoring continues, and every acknowledged invoice ends up
 * on chain exactly once. The killed orderer is restarted afterwards ({@code network.sh up}).
 */
@ExtendWith(LedgerNetwork.class)
class OrdererCrashIT {

    private static final Pattern LEADER = Pattern.compile("(orderer\\d) running \\(leader\\)");

    @Test
    void killingTheRaftLeaderUnderLoadLosesNothing(NetworkProfile profile, @TempDir Path dir) throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String issuer = gen.creditCode();
        String leader = leader();
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir, "ordcrash-" + System.nanoTime()), Clock.systemUTC());
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"))) {
            List<String> ids;
            long anchoredAtKill;
            int ackedAtKill;
            try (SteadyLoad load = SteadyLoad.paced(rt, gen, issuer, 100)) {
                load.awaitAcked(1000, 120);
                anchoredAtKill = rt.pipeline().stats().committedInvoices();
                ackedAtKill = load.ackedCount();
                ProcessHandle.of(NetworkScript.pid("orderer", leader)).orElseThrow().destroyForcibly();
                System.out.printf("orderer crash: killed %s (Raft leader) with SIGKILL after %d acknowledged, %d anchored%n",
                        leader, ackedAtKill, anchoredAtKill);
                load.awaitAcked(load.ackedCount() + 2000, 180);
                ids = load.stop();
            }
            long drainStart = System.nanoTime();
            ItNodes.awaitDrained(rt, Duration.ofMinutes(3));
            long anchored = rt.pipeline().stats().committedInvoices();
            System.out.printf("orderer crash: %d acknowledged, %d anchored after the kill; drained %d ms after the load stopped%n",
                    ids.size(), anchored - anchoredAtKill, (System.nanoTime() - drainStart) / 1_000_000);
            assertTrue(anchored - anchoredAtKill >= ids.size() - ackedAtKill,
                    "anchoring did not continue: " + rt.pipeline().stats());
            String now = leader();
            assertFalse(now.equals(leader), "the killed orderer is still the leader: " + now);
            try (LedgerConnection enterprise = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"))) {
                PeersInStep.await(enterprise, auditor);
            }
            AnchoredOnce.check(rt.archive(), auditor, ids);
        } finally {
            assertEquals(0, NetworkScript.run("up").exitCode(), "restarting the killed orderer");
        }
    }

    private static String leader() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String status = NetworkScript.run("status").output();
            Matcher m = LEADER.matcher(status);
            if (m.find()) {
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no Raft leader in: " + status);
            }
            Thread.sleep(500);
        }
    }
}
