package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.merkle.ReferenceTree;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** anchorRenewal: what it accepts, stores and emits, and every refusal (docs/renewal.md). */
class RenewalTest {

    final Fixture f = new Fixture();
    final Harness h = f.h;
    static final ReferenceTree LOG = ReferenceTree.of(64);
    static final String SHA256 = "SHA-256";
    static final String SHA3 = "SHA3-256";

    static String logRoot(int size) {
        return Hex.encode(LOG.root(size));
    }

    static String proof(int from, int to) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        LOG.consistency(from, to).forEach(x -> a.add(Hex.encode(x)));
        return a.toString();
    }

    /** Anchors the node's SM3 checkpoint at {@code size} (the log is the reference tree). */
    void checkpoint(int size, int previousSize) {
        String root = logRoot(size);
        String sig = f.nodeKey.checkpointSignature(Fixture.NODE, size, root);
        String proof = previousSize == 0 ? "[]" : proof(previousSize, size);
        h.call(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, Long.toString(size), root,
                sig, proof));
    }

    /** A signed request for renewal {@code seq} over the log's first {@code logSize} leaves. */
    ObjectNode request(long seq, String algorithm, int logSize, String root, ObjectNode previous, Sm2TestKey key) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("nodeId", Fixture.NODE).put("sequence", seq).put("algorithm", algorithm).put("treeSize", logSize + 1)
                .put("rootHash", root).put("logTreeSize", logSize).put("logRootHash", logRoot(logSize));
        r.set("logConsistencyProof", Json.MAPPER.createArrayNode());
        r.set("previous", previous);
        return sign(r, key);
    }

    static ObjectNode sign(ObjectNode r, Sm2TestKey key) {
        JsonNode p = r.get("previous");
        boolean hasPrev = p != null && !p.isNull();
        r.put("signature", key.renewalSignature(r.get("nodeId").asText(), r.get("sequence").asLong(),
                r.get("algorithm").asText(), r.get("treeSize").asLong(), r.get("rootHash").asText(),
                r.get("logTreeSize").asLong(), r.get("logRootHash").asText(),
                hasPrev ? p.get("algorithm").asText() : null, hasPrev ? p.get("treeSize").asLong() : 0,
                hasPrev ? p.get("rootHash").asText() : null));
        return r;
    }

    static ObjectNode previous(JsonNode renewal) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("algorithm", renewal.get("algorithm").asText()).put("treeSize", renewal.get("treeSize").asLong())
                .put("rootHash", renewal.get("rootHash").asText());
        return p;
    }

    JsonNode anchor(ObjectNode request) {
        return h.json(Harness.ENTERPRISE, ctx -> h.contract.anchorRenewal(ctx, request.toString()));
    }

    String refuse(ObjectNode request) {
        return h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorRenewal(ctx, request.toString()));
    }

    /** {@code request} changed by {@code change} and signed again by the node. */
    ObjectNode changed(ObjectNode request, Consumer<ObjectNode> change) {
        ObjectNode r = request.deepCopy();
        change.accept(r);
        return sign(r, f.nodeKey);
    }

    @Test
    void renewalsChainAndAreStoredUnderTheirSequence() {
        checkpoint(10, 0);
        JsonNode r1 = anchor(request(1, SHA256, 10, Fixture.hash("tree-1"), null, f.nodeKey));
        assertEquals(1, r1.get("sequence").asLong());
        assertEquals(11, r1.get("treeSize").asLong());
        assertTrue(r1.get("previous").isNull());
        assertEquals(f.nodeKey.keyId(), r1.get("keyId").asText());
        assertEquals(h.lastTxId, r1.get("anchoredTxId").asText());
        assertEquals("EnterpriseServicesMSP", r1.at("/anchoredBy/mspId").asText());
        assertTrue(h.stub.committedState().containsKey("\u0000renewal\u0000node-1\u00000000000001\u0000"),
                "key: renewal, node id, 10-digit sequence");
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("RenewalAnchored", e.name());
        assertEquals("{\"algorithm\":\"SHA-256\",\"logTreeSize\":10,\"nodeId\":\"node-1\",\"rootHash\":\""
                + Fixture.hash("tree-1") + "\",\"sequence\":1,\"treeSize\":11,\"txId\":\"" + h.lastTxId + "\"}",
                e.text());

        // the same renewal again (another signature, same content): unchanged, no event
        int events = h.stub.events.size();
        JsonNode again = anchor(request(1, SHA256, 10, Fixture.hash("tree-1"), null, f.nodeKey));
        assertEquals(r1.get("anchoredTxId"), again.get("anchoredTxId"));
        assertEquals(r1.get("signature"), again.get("signature"));
        assertEquals(events, h.stub.events.size());

        // renewal 2 under SHA3-256 extends renewal 1, and covers more leaves (a later checkpoint)
        checkpoint(20, 10);
        ObjectNode q2 = request(2, SHA3, 15, Fixture.hash("tree-2"), previous(r1), f.nodeKey);
        q2.set("logConsistencyProof", Json.tree(proof(15, 20).getBytes()));
        JsonNode r2 = anchor(sign(q2, f.nodeKey));
        assertEquals(11, r2.at("/previous/treeSize").asLong());
        assertEquals(r1.get("rootHash"), r2.at("/previous/rootHash"));
        assertEquals(SHA256, r2.at("/previous/algorithm").asText());

        JsonNode all = h.json(Harness.AUDITOR, ctx -> h.contract.getRenewals(ctx, Fixture.NODE));
        assertEquals(2, all.size());
        assertEquals(1, all.get(0).get("sequence").asLong());
        assertEquals(2, all.get(1).get("sequence").asLong());
        assertEquals(SHA3, h.json(Harness.AUDITOR, ctx -> h.contract.getRenewal(ctx, Fixture.NODE, "2"))
                .get("algorithm").asText());
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.getRenewal(ctx, Fixture.NODE, "3"))
                .startsWith("NOT_FOUND: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.getRenewal(ctx, Fixture.NODE, "0"))
                .startsWith("NOT_FOUND: "));
        assertEquals(0, h.json(Harness.AUDITOR, ctx -> h.contract.getRenewals(ctx, "node-2")).size());
    }

    @Test
    void logTreeMustBeTheAnchoredCheckpointOrAPrefixOfIt() {
        String conflict = "CONFLICT: the log tree (";
        assertTrue(refuse(request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey))
                .startsWith("CONFLICT: node node-1 has no anchored checkpoint"));
        checkpoint(10, 0);
        // a root that is not the anchored one
        ObjectNode forged = changed(request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey),
                r -> r.put("logRootHash", Fixture.hash("rewritten log")));
        String m = refuse(forged);
        assertTrue(m.startsWith(conflict) && m.endsWith("the roots differ"), m);
        // larger than the checkpoint
        assertTrue(refuse(request(1, SHA256, 11, Fixture.hash("t"), null, f.nodeKey)).endsWith("it is larger"));
        // a prefix without its proof, with a wrong proof, and with a proof for a forked tree
        assertTrue(refuse(request(1, SHA256, 6, Fixture.hash("t"), null, f.nodeKey))
                .startsWith(conflict + "6, " + logRoot(6)));
        ObjectNode wrongProof = changed(request(1, SHA256, 6, Fixture.hash("t"), null, f.nodeKey),
                r -> r.set("logConsistencyProof", Json.tree(proof(5, 10).getBytes())));
        assertTrue(refuse(wrongProof).startsWith(conflict));
        ReferenceTree fork = ReferenceTree.forkOf(10, 2);
        ArrayNode forkProof = Json.MAPPER.createArrayNode();
        fork.consistency(6, 10).forEach(x -> forkProof.add(Hex.encode(x)));
        ObjectNode forkedPrefix = changed(request(1, SHA256, 6, Fixture.hash("t"), null, f.nodeKey), r -> {
            r.put("logRootHash", Hex.encode(fork.root(6)));
            r.set("logConsistencyProof", forkProof);
        });
        assertTrue(refuse(forkedPrefix).startsWith(conflict + "6, " + Hex.encode(fork.root(6))), "forked prefix");
        ObjectNode withProofAtSameSize = changed(request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey),
                r -> r.set("logConsistencyProof", Json.tree(proof(6, 10).getBytes())));
        assertTrue(refuse(withProofAtSameSize).startsWith("INVALID_ARGUMENT: logConsistencyProof: must be []"));
        // an honest prefix is accepted
        ObjectNode prefix = changed(request(1, SHA256, 6, Fixture.hash("t"), null, f.nodeKey),
                r -> r.set("logConsistencyProof", Json.tree(proof(6, 10).getBytes())));
        assertEquals(6, anchor(prefix).get("logTreeSize").asLong());
    }

    @Test
    void sequenceAndPreviousMustChain() {
        checkpoint(10, 0);
        assertTrue(refuse(request(2, SHA256, 10, Fixture.hash("t2"), previous(fakeRenewal()), f.nodeKey))
                .startsWith("CONFLICT: renewal 2 of node node-1 must follow renewal 1, which is not anchored"));
        JsonNode r1 = anchor(request(1, SHA256, 10, Fixture.hash("t1"), null, f.nodeKey));
        // renewal 1 again with another root: never two roots for one sequence
        assertTrue(refuse(request(1, SHA256, 10, Fixture.hash("other"), null, f.nodeKey))
                .startsWith("CONFLICT: node node-1 already anchored renewal 1 with algorithm SHA-256"));
        assertTrue(refuse(request(1, SHA3, 10, Fixture.hash("t1"), null, f.nodeKey)).startsWith("CONFLICT: "));
        // a gap
        assertTrue(refuse(request(3, SHA256, 10, Fixture.hash("t3"), previous(r1), f.nodeKey))
                .startsWith("CONFLICT: renewal 3 of node node-1 must follow renewal 2"));
        // previous not the anchored renewal 1: root, size, algorithm
        String notPrev = "CONFLICT: previous (";
        assertTrue(refuse(request(2, SHA3, 10, Fixture.hash("t2"),
                previous(r1).put("rootHash", Fixture.hash("x")), f.nodeKey)).startsWith(notPrev));
        assertTrue(refuse(request(2, SHA3, 10, Fixture.hash("t2"),
                previous(r1).put("treeSize", 12), f.nodeKey)).startsWith(notPrev));
        assertTrue(refuse(request(2, SHA3, 10, Fixture.hash("t2"),
                previous(r1).put("algorithm", SHA3), f.nodeKey)).startsWith(notPrev));
        // fewer leaves than renewal 1
        ObjectNode fewer = request(2, SHA3, 6, Fixture.hash("t2"), previous(r1), f.nodeKey);
        fewer.set("logConsistencyProof", Json.tree(proof(6, 10).getBytes()));
        assertTrue(refuse(sign(fewer, f.nodeKey)).startsWith("CONFLICT: logTreeSize 6 is below renewal 1's 10"));
        JsonNode r2 = anchor(request(2, SHA3, 10, Fixture.hash("t2"), previous(r1), f.nodeKey));
        assertEquals(2, r2.get("sequence").asLong());
    }

    ObjectNode fakeRenewal() {
        return Json.MAPPER.createObjectNode().put("algorithm", SHA256).put("treeSize", 11)
                .put("rootHash", Fixture.hash("t1"));
    }

    @Test
    void argumentsAreChecked() {
        checkpoint(10, 0);
        ObjectNode good = request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey);
        String inv = "INVALID_ARGUMENT: ";
        assertTrue(refuse(changed(good, r -> r.put("algorithm", "SM3")))
                .startsWith(inv + "algorithm: unknown algorithm 'SM3', must be one of [SHA-256, SHA3-256]"));
        assertTrue(refuse(changed(good, r -> r.put("algorithm", "MD5"))).startsWith(inv + "algorithm: unknown"));
        assertTrue(refuse(changed(good, r -> r.put("sequence", 0))).startsWith(inv + "sequence: "));
        assertTrue(refuse(changed(good, r -> r.put("treeSize", 10))).startsWith(inv + "treeSize: must be logTreeSize + 1"));
        assertTrue(refuse(changed(good, r -> r.put("logTreeSize", 0).put("treeSize", 1)))
                .startsWith(inv + "logTreeSize: "));
        assertTrue(refuse(changed(good, r -> r.put("rootHash", "AB"))).startsWith(inv + "rootHash: "));
        assertTrue(refuse(changed(good, r -> r.put("logRootHash", "00"))).startsWith(inv + "logRootHash: "));
        assertTrue(refuse(changed(good, r -> r.remove("logConsistencyProof"))).startsWith(inv + "logConsistencyProof: "));
        assertTrue(refuse(changed(good, r -> r.set("logConsistencyProof", Json.tree("[\"x\"]".getBytes()))))
                .startsWith(inv + "logConsistencyProof[0]: "));
        assertTrue(refuse(changed(good, r -> r.set("previous", fakeRenewal()))).startsWith(inv + "previous: must be null"));
        assertTrue(refuse(changed(good, r -> r.put("sequence", 2))).startsWith(inv + "previous: is required"));
        assertTrue(refuse(changed(good, r -> r.put("sequence", 2).set("previous",
                fakeRenewal().put("algorithm", "SM3")))).startsWith(inv + "previous.algorithm: unknown"));
        assertTrue(refuse(changed(good, r -> r.put("extra", 1))).startsWith(inv + "renewal.extra: unknown field"));
        assertTrue(refuse(changed(good, r -> r.put("nodeId", "bad id!"))).startsWith(inv + "nodeId: "));
        ObjectNode badSig = good.deepCopy().put("signature", "%%");
        assertTrue(refuse(badSig).startsWith(inv + "signature: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorRenewal(ctx, "[")).startsWith(inv + "renewal: "));
    }

    @Test
    void signatureAndAccess() {
        checkpoint(10, 0);
        ObjectNode good = request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey);
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.anchorRenewal(ctx, good.toString()))
                .startsWith("FORBIDDEN: anchorRenewal for node " + Fixture.NODE + " requires an identity of EnterpriseServicesMSP"));
        assertTrue(refuse(request(1, SHA256, 10, Fixture.hash("t"), null, f.issuerKey))
                .startsWith("INVALID_SIGNATURE: "), "an ENTERPRISE key is not a NODE key");
        // signed over other content: the root, the log size, the algorithm
        ObjectNode otherRoot = good.deepCopy().put("rootHash", Fixture.hash("u"));
        assertTrue(refuse(otherRoot).startsWith("INVALID_SIGNATURE: signature: does not verify"));
        ObjectNode otherAlg = good.deepCopy().put("algorithm", SHA3);
        assertTrue(refuse(otherAlg).startsWith("INVALID_SIGNATURE: "));
        // a revoked node key
        h.now = Instant.parse("2026-12-01T00:00:00Z");
        h.call(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.nodeKey.keyId(), "2026-11-30T00:00:00Z", "lost"));
        assertTrue(refuse(request(1, SHA256, 10, Fixture.hash("t"), null, f.nodeKey))
                .startsWith("INVALID_SIGNATURE: no NODE key"));
    }
}
