package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerCheckpoint;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.ledger.SignerRegistration;
import dev.fapiao.node.proof.RetentionProof;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.proof.VerificationReport;
import dev.fapiao.node.runtime.NodeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A joining organisation's node under its own MSP, on the real network: its NODE key was registered by
 * the joiner's Admin and its checkpoints by the joiner's User1; it may neither checkpoint nor register a
 * key for another member's node; after {@code network.sh remove-org} its next checkpoint is refused
 * while the proof it issued still verifies, with the trust file of its time and with today's.
 */
final class OwnNodeKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = "EnterpriseServicesMSP";

    private OwnNodeKeys() {
    }

    /**
     * {@code joiner} is node {@code own} of organisation {@code org} ({@code msp}); {@code foreign} is a
     * node of EnterpriseServicesMSP; {@code proof} is one {@code joiner} issued.
     */
    static void check(NodeRuntime joiner, String own, String foreign, NetworkProfile members, String org, String msp,
                      RetentionProof proof, Path trustFile) throws Exception {
        JsonNode key = joiner.ledger().signer(joiner.sealer().keyId()).orElseThrow().json();
        assertEquals(msp, key.path("mspId").asText(), "B's NODE key belongs to the joiner: " + key);
        assertTrue(key.at("/lastChange/subject").asText().contains("Admin@"), "registered by the joiner's Admin: " + key);
        JsonNode checkpoint = JSON.readTree(joiner.ledgerConnection().contract().evaluateTransaction("getCheckpoint", own));
        assertEquals(msp, checkpoint.at("/anchoredBy/mspId").asText(), "B's checkpoint was anchored as the joiner");

        // a checkpoint under another member's node id, signed with B's own key: FORBIDDEN, not a signature error
        byte[] root = new byte[32];
        ChaincodeRefusedException foreignCheckpoint = assertThrows(ChaincodeRefusedException.class,
                () -> joiner.ledger().anchorCheckpoint(foreign, 1, HexFormat.of().formatHex(root),
                        joiner.sealer().signCheckpoint(foreign, 1, root), List.of()));
        assertEquals("FORBIDDEN", foreignCheckpoint.code(), foreignCheckpoint.getMessage());
        // nor may the joiner's Admin claim that node by registering a key for it
        try (Ledger admin = Ledger.open(members.settings(msp, "Admin"))) {
            ChaincodeRefusedException claim = assertThrows(ChaincodeRefusedException.class,
                    () -> admin.registerSigner(new SignerRegistration(key.path("ownerCode").asText(), "NODE", foreign,
                            joiner.sealer().publicKey().toPem(), null, null, "2026-01-01T00:00:00Z", null)));
            assertEquals("FORBIDDEN", claim.code(), claim.getMessage());
        }

        // the same re-anchoring of B's latest checkpoint, through EnterpriseServices' peer: accepted while
        // the joiner is a member, refused once it was removed
        String trustBefore = Files.readString(trustFile);
        LedgerSettings asJoiner = members.settings(msp, "User1");
        LedgerSettings throughEnterprise = new LedgerSettings(members.peerAddress(ENT), members.tlsCaCert(ENT), msp,
                asJoiner.certificate(), asJoiner.privateKey(), asJoiner.channel(), asJoiner.chaincode(), null, null);
        try (Ledger removed = Ledger.open(throughEnterprise)) {
            LedgerCheckpoint latest = joiner.ledger().latestCheckpoint(own).orElseThrow();
            byte[] latestRoot = HexFormat.of().parseHex(latest.rootHash());
            removed.anchorCheckpoint(own, latest.treeSize(), latest.rootHash(),
                    joiner.sealer().signCheckpoint(own, latest.treeSize(), latestRoot), List.of());
            NetworkScript.Result leave = NetworkScript.run("remove-org", org);
            assertEquals(0, leave.exitCode(), leave.output());
            assertThrows(Exception.class, () -> removed.anchorCheckpoint(own, latest.treeSize(), latest.rootHash(),
                    joiner.sealer().signCheckpoint(own, latest.treeSize(), latestRoot), List.of()),
                    "the removed organisation still checkpoints");
        }
        for (String trust : List.of(trustBefore, Files.readString(trustFile))) {
            VerificationReport report = new RetentionProofVerifier(TrustAnchors.parse(trust)).verify(proof.toJson(),
                    null);
            assertTrue(report.passed(), () -> "the removed member's proof fails: " + report.checks());
            String creator = report.checks().stream().filter(c -> c.name().equals("checkpoint-tx.creator-signature"))
                    .findFirst().orElseThrow().reason();
            assertTrue(creator.contains("(" + msp + ")"), "the checkpoint transaction's creator: " + creator);
        }
        assertTrue(!Files.readString(trustFile, StandardCharsets.UTF_8).contains("\"" + msp + "\": {"),
                "removed MSP still trusted");
    }
}
