package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third organisation joins the running network while a node anchors invoices
 * ({@code network.sh add-org}), endorses (MAJORITY = any 2 of 3), serves history, and leaves
 * again ({@code network.sh remove-org}); afterwards its identity is refused and a proof made
 * before it joined still verifies. Prints the join time and anchoring rates with 2 and 3 orgs.
 */
@ExtendWith(LedgerNetwork.class)
class ConsortiumIT {

    private static final String TAX = "TaxAuthorityMSP";
    private static final String ENT = "EnterpriseServicesMSP";
    /** Below the anchoring rate of a busy 2-core machine, so the outbox does not grow without bound. */
    private static final int LOAD_PER_SECOND = 50;

    @Test
    void aThirdOrganisationJoinsEndorsesServesHistoryAndLeaves(NetworkProfile twoOrgs, @TempDir Path dir) throws Exception {
        String name = "joiner" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String msp = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "MSP";
        Path trustFile = NetworkScript.runDir().resolve("trust.json");
        String trustBefore = Files.readString(trustFile);
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String issuer = gen.creditCode();
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir, "consortium-" + System.nanoTime(),
                Map.of("FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "2")), Clock.systemUTC())) {
            // a proof of an invoice anchored by the two founding organisations
            String early = RetentionProofIT.submit(rt, gen, 1).get(0).invoice().invoiceId();
            RetentionProof proof = RetentionProofIT.awaitProof(rt.proofBuilder(Clock.systemUTC()), early);
            double rateTwo = anchoringRate(rt, gen, issuer);

            List<String> ids;
            try (SteadyLoad load = SteadyLoad.paced(rt, gen, issuer, LOAD_PER_SECOND)) {
                load.awaitAcked(300, 60);
                NetworkScript.Result join = NetworkScript.run("add-org", name);
                assertEquals(0, join.exitCode(), join.output());
                int duringJoin = load.ackedCount();
                load.awaitAcked(duringJoin + 500, 120);
                ids = load.stop();
                System.out.printf("consortium: %s joined in %d ms while %d invoices were acknowledged%n",
                        name, join.millis(), duringJoin);
            }
            ItNodes.awaitDrained(rt, Duration.ofMinutes(3));
            NetworkProfile threeOrgs = NetworkProfile.read(NetworkScript.runDir().resolve("network.json"));
            double rateThree = anchoringRate(rt, gen, issuer);
            System.out.printf("consortium: anchoring rate %.0f invoices/s with 2 organisations, %.0f with 3%n",
                    rateTwo, rateThree);

            NetworkScript.Result keys = NetworkScript.run("check-keys");
            assertEquals(0, keys.exitCode(), keys.output());

            try (LedgerConnection joiner = LedgerConnection.open(threeOrgs.settings(msp, "User1"));
                 LedgerConnection enterprise = LedgerConnection.open(threeOrgs.settings(ENT, "User1"))) {
                // its peer serves the history of everything, including what was anchored before it joined
                PeersInStep.await(joiner, enterprise);
                AnchoredOnce.check(rt.archive(), joiner, ids);
                AnchoredOnce.check(rt.archive(), joiner, List.of(early));

                // MAJORITY of three: the new org and one other suffice, one alone does not
                Status two = transition(enterprise, ids.get(0), ENT, msp);
                assertTrue(two.isSuccessful(), "endorsed by " + ENT + " and " + msp + ": " + two.getCode());
                Status one = transition(enterprise, ids.get(1), ENT);
                assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, one.getCode(), "endorsed by " + ENT + " alone");
            }

            NetworkScript.Result leave = NetworkScript.run("remove-org", name);
            assertEquals(0, leave.exitCode(), leave.output());
            LedgerSettings asJoiner = threeOrgs.settings(msp, "User1");
            LedgerSettings throughEnterprise = new LedgerSettings(threeOrgs.peerAddress(ENT), threeOrgs.tlsCaCert(ENT),
                    msp, asJoiner.certificate(), asJoiner.privateKey(), asJoiner.channel(), asJoiner.chaincode(),
                    null, null);
            try (LedgerConnection removed = LedgerConnection.open(throughEnterprise);
                 LedgerConnection enterprise = LedgerConnection.open(twoOrgs.settings(ENT, "User1"))) {
                assertThrows(Exception.class, () -> removed.contract().evaluateTransaction("getInvoiceHistory", early),
                        "the removed organisation still reads");
                assertThrows(Exception.class, () -> removed.contract().submitTransaction("transition", ids.get(2),
                        "DELIVER", "after removal", ""), "the removed organisation still submits");
                assertThrows(Exception.class, () -> transition(enterprise, ids.get(3), ENT, msp),
                        "the removed organisation still endorses");
                assertTrue(transition(enterprise, ids.get(4), ENT, TAX).isSuccessful(), "the founders still anchor");
            }

            // the old proof verifies with the trust file of its time and with today's
            for (String trust : List.of(trustBefore, Files.readString(trustFile))) {
                VerificationReport report = new RetentionProofVerifier(TrustAnchors.parse(trust)).verify(proof.toJson(), null);
                assertTrue(report.passed(), () -> "old proof fails: " + report.checks());
            }
            assertFalse(Files.readString(trustFile).contains("\"" + msp + "\": {"), "removed MSP still trusted");
        } finally {
            // a failure half-way must not leave the other ITs a three-organisation network
            if (Files.readAllLines(NetworkScript.runDir().resolve("shared/members")).contains(name)) {
                NetworkScript.run("remove-org", name);
            }
        }
    }

    private static Status transition(LedgerConnection c, String id, String... endorsers) throws Exception {
        return c.contract().newProposal("transition").addArguments(id, "DELIVER", "delivered to the buyer", "")
                .setEndorsingOrganizations(endorsers).build().endorse().submitAsync().getStatus();
    }

    /** Invoices per second from submission of 1,000 until all are anchored. */
    private static double anchoringRate(NodeRuntime rt, InvoiceGenerator gen, String issuer) throws Exception {
        long start = System.nanoTime();
        int n;
        try (SteadyLoad load = SteadyLoad.start(rt, gen, issuer)) {
            load.awaitAcked(1000, 120);
            n = load.stop().size();
        }
        ItNodes.awaitDrained(rt, Duration.ofMinutes(3));
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
