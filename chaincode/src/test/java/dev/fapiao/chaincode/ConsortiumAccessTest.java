package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * NODE keys and checkpoints per member MSP: each member's admins register, rotate and revoke the
 * NODE keys of its own nodes, and only identities of the MSP that owns a node's keys anchor its
 * checkpoints and renewals. ENTERPRISE keys and invoices stay with EnterpriseServicesMSP.
 */
class ConsortiumAccessTest {

    static final String TAX_NODE = "tax-node-1";
    static final String OTHER_NODE = "other-node-1";
    static final String ROOT = Fixture.hash("r");

    final Fixture f = new Fixture();
    final Harness h = f.h;
    final Sm2TestKey taxKey = Sm2TestKey.fromSeed("tax-node-key");

    JsonNode registerNode(Harness.Who who, Sm2TestKey key, String nodeId) {
        return h.json(who, ctx -> h.contract.registerSigner(ctx, nodeRegistration(key, nodeId)));
    }

    String refuseRegisterNode(Harness.Who who, Sm2TestKey key, String nodeId) {
        return h.refusal(who, ctx -> h.contract.registerSigner(ctx, nodeRegistration(key, nodeId)));
    }

    static String nodeRegistration(Sm2TestKey key, String nodeId) {
        return Fixture.registration(key, Fixture.ISSUER, "NODE", nodeId, "2026-01-01T00:00:00Z", null).toString();
    }

    JsonNode checkpoint(Harness.Who who, String nodeId, Sm2TestKey key) {
        String sig = key.checkpointSignature(nodeId, 5, ROOT);
        return h.json(who, ctx -> h.contract.anchorCheckpoint(ctx, nodeId, "5", ROOT, sig, "[]"));
    }

    String refuseCheckpoint(Harness.Who who, String nodeId, Sm2TestKey key) {
        String sig = key.checkpointSignature(nodeId, 5, ROOT);
        return h.refusal(who, ctx -> h.contract.anchorCheckpoint(ctx, nodeId, "5", ROOT, sig, "[]"));
    }

    static ObjectNode rotation(Sm2TestKey from, Sm2TestKey to) {
        return Json.MAPPER.createObjectNode().put("keyId", from.keyId()).put("publicKey", to.pem())
                .put("effectiveAt", "2026-11-01T00:00:00Z");
    }

    @Test
    void aMembersAdminRegistersItsNodeKeyWhichCarriesItsMsp() {
        JsonNode r = registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        assertEquals("TaxAuthorityMSP", r.get("mspId").asText());
        assertEquals("NODE", r.get("kind").asText());
        JsonNode es = h.json(Harness.AUDITOR, ctx -> h.contract.getSigner(ctx, f.nodeKey.keyId()));
        assertEquals("EnterpriseServicesMSP", es.get("mspId").asText());
        // a third member too (any channel member's admin)
        assertEquals("OtherMSP", registerNode(Harness.STRANGER, Sm2TestKey.fromSeed("o"), OTHER_NODE)
                .get("mspId").asText());
        // identical registration again: unchanged
        int events = h.stub.events.size();
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        assertEquals(events, h.stub.events.size());
    }

    @Test
    void onlyAdminsRegisterNodeKeysAndOnlyEnterpriseServicesRegistersEnterpriseKeys() {
        String client = refuseRegisterNode(Harness.AUDITOR, taxKey, TAX_NODE);
        assertTrue(client.startsWith("FORBIDDEN: registerSigner requires an admin (OU admin) identity"), client);
        assertTrue(refuseRegisterNode(Harness.ENTERPRISE, taxKey, TAX_NODE).startsWith("FORBIDDEN: "));
        String enterprise = h.refusal(Harness.TAX_ADMIN, ctx -> h.contract.registerSigner(ctx, Fixture.registration(
                Sm2TestKey.fromSeed("e"), Fixture.ISSUER, "ENTERPRISE", null, "2026-01-01T00:00:00Z", null)
                .toString()));
        assertTrue(enterprise.startsWith("FORBIDDEN: registerSigner of an ENTERPRISE key requires an admin"),
                enterprise);
    }

    @Test
    void aMemberCannotClaimAnotherMembersNode() {
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        String byEs = refuseRegisterNode(Harness.OPERATOR, Sm2TestKey.fromSeed("es-2"), TAX_NODE);
        assertTrue(byEs.startsWith("FORBIDDEN: registerSigner for node " + TAX_NODE
                + " requires an identity of TaxAuthorityMSP"), byEs);
        String byTax = refuseRegisterNode(Harness.TAX_ADMIN, Sm2TestKey.fromSeed("tax-2"), Fixture.NODE);
        assertTrue(byTax.startsWith("FORBIDDEN: registerSigner for node " + Fixture.NODE
                + " requires an identity of EnterpriseServicesMSP"), byTax);
        // the owner adds a second key to its own node
        assertEquals("TaxAuthorityMSP", registerNode(Harness.TAX_ADMIN, Sm2TestKey.fromSeed("tax-3"), TAX_NODE)
                .get("mspId").asText());
    }

    @Test
    void checkpointsComeFromTheMspThatOwnsTheNode() {
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        // any identity of the owner, admin or not
        JsonNode c = checkpoint(Harness.AUDITOR, TAX_NODE, taxKey);
        assertEquals("TaxAuthorityMSP", c.get("anchoredBy").get("mspId").asText());
        for (Harness.Who other : new Harness.Who[] {Harness.ENTERPRISE, Harness.OPERATOR, Harness.STRANGER}) {
            String msg = refuseCheckpoint(other, TAX_NODE, taxKey);
            assertTrue(msg.startsWith("FORBIDDEN: anchorCheckpoint for node " + TAX_NODE
                    + " requires an identity of TaxAuthorityMSP"), other + ": " + msg);
        }
        // and the other way round: the tax authority cannot checkpoint EnterpriseServices' node
        assertTrue(refuseCheckpoint(Harness.TAX_ADMIN, Fixture.NODE, f.nodeKey).startsWith("FORBIDDEN: "));
        assertEquals(5, checkpoint(Harness.ENTERPRISE, Fixture.NODE, f.nodeKey).get("treeSize").asLong());
        // a node without NODE keys: nothing to own, nothing verifies
        assertTrue(refuseCheckpoint(Harness.AUDITOR, "nobody", taxKey).startsWith("INVALID_SIGNATURE: no NODE key"));
    }

    @Test
    void aMemberMayNotAnchorItsOwnNodesKeyUnderAnotherMembersNode() {
        // the signature is by the caller's own NODE key, over the other node's id: refused before the signature
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        assertTrue(refuseCheckpoint(Harness.AUDITOR, Fixture.NODE, taxKey).startsWith("FORBIDDEN: "));
    }

    @Test
    void rotationAndRevocationByTheOwnerOnly() {
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        Sm2TestKey next = Sm2TestKey.fromSeed("tax-node-key-2");
        String byEs = h.refusal(Harness.OPERATOR, ctx -> h.contract.rotateSigner(ctx, rotation(taxKey, next).toString()));
        assertTrue(byEs.startsWith("FORBIDDEN: rotateSigner of key " + taxKey.keyId()
                + " requires an admin identity of TaxAuthorityMSP"), byEs);
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.rotateSigner(ctx, rotation(taxKey, next).toString()))
                .startsWith("FORBIDDEN: "), "a non-admin of the owner");
        JsonNode successor = h.json(Harness.TAX_ADMIN, ctx -> h.contract.rotateSigner(ctx,
                rotation(taxKey, next).toString()));
        assertEquals("TaxAuthorityMSP", successor.get("mspId").asText(), "the successor inherits the MSP");
        assertEquals(TAX_NODE, successor.get("nodeId").asText());

        h.now = Instant.parse("2026-12-01T00:00:00Z");
        assertTrue(h.refusal(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, next.keyId(),
                "2026-11-30T00:00:00Z", "lost")).startsWith("FORBIDDEN: revokeSigner of key "));
        assertTrue(h.refusal(Harness.TAX_ADMIN, ctx -> h.contract.revokeSigner(ctx, f.nodeKey.keyId(),
                "2026-11-30T00:00:00Z", "lost")).startsWith("FORBIDDEN: "), "EnterpriseServices' node key");
        assertTrue(h.refusal(Harness.TAX_ADMIN, ctx -> h.contract.rotateSigner(ctx,
                rotation(f.issuerKey, Sm2TestKey.fromSeed("z")).toString())).startsWith("FORBIDDEN: "),
                "an ENTERPRISE key");
        JsonNode revoked = h.json(Harness.TAX_ADMIN, ctx -> h.contract.revokeSigner(ctx, next.keyId(),
                "2026-11-30T00:00:00Z", "lost"));
        assertEquals("2026-11-30T00:00:00Z", revoked.get("revokedAt").asText());
        assertEquals("TaxAuthorityMSP", revoked.get("mspId").asText());
    }

    @Test
    void aKeyRecordWithoutMspIsEnterpriseServices() {
        // a NODE key as registered before keys carried their MSP
        Sm2TestKey old = Sm2TestKey.fromSeed("old-node-key");
        registerNode(Harness.OPERATOR, old, "old-node");
        h.stub.begin("legacy", h.now, "legacy");
        String key = Keys.signer(old.keyId());
        ObjectNode record = (ObjectNode) Json.tree(h.stub.committedState().get(key));
        record.remove("mspId");
        h.stub.putState(key, record.toString().getBytes(StandardCharsets.UTF_8));
        h.stub.commit();
        assertTrue(h.json(Harness.AUDITOR, ctx -> h.contract.getSigner(ctx, old.keyId())).path("mspId").isNull());

        assertTrue(refuseCheckpoint(Harness.AUDITOR, "old-node", old).startsWith("FORBIDDEN: anchorCheckpoint for "
                + "node old-node requires an identity of EnterpriseServicesMSP"));
        assertEquals(5, checkpoint(Harness.ENTERPRISE, "old-node", old).get("treeSize").asLong());
        assertTrue(refuseRegisterNode(Harness.TAX_ADMIN, taxKey, "old-node").startsWith("FORBIDDEN: "));
        JsonNode next = h.json(Harness.OPERATOR, ctx -> h.contract.rotateSigner(ctx,
                rotation(old, Sm2TestKey.fromSeed("old-node-key-2")).toString()));
        assertEquals("EnterpriseServicesMSP", next.get("mspId").asText());
    }

    @Test
    void renewalsComeFromTheMspThatOwnsTheNode() {
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        checkpoint(Harness.AUDITOR, TAX_NODE, taxKey);
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("nodeId", TAX_NODE).put("sequence", 1).put("algorithm", "SHA-256").put("treeSize", 6)
                .put("rootHash", Fixture.hash("t")).put("logTreeSize", 5).put("logRootHash", ROOT);
        r.set("logConsistencyProof", Json.MAPPER.createArrayNode());
        r.putNull("previous");
        RenewalTest.sign(r, taxKey);
        String msg = h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorRenewal(ctx, r.toString()));
        assertTrue(msg.startsWith("FORBIDDEN: anchorRenewal for node " + TAX_NODE
                + " requires an identity of TaxAuthorityMSP"), msg);
        JsonNode renewal = h.json(Harness.AUDITOR, ctx -> h.contract.anchorRenewal(ctx, r.toString()));
        assertEquals(1, renewal.get("sequence").asLong());
    }

    @Test
    void invoicesStayWithEnterpriseServicesEvenWithAMembersNodeKey() {
        registerNode(Harness.TAX_ADMIN, taxKey, TAX_NODE);
        String msg = f.refuseAnchor(Harness.AUDITOR, Fixture.anchor(Fixture.invoiceId(1), Fixture.ISSUE_TIME, taxKey));
        assertTrue(msg.startsWith("FORBIDDEN: anchorInvoice requires an identity of EnterpriseServicesMSP"), msg);
    }
}
