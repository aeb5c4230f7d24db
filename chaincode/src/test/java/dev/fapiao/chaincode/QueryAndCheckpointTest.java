package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.merkle.ReferenceTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryAndCheckpointTest {

    final Fixture f = new Fixture();
    final Harness h = f.h;

    @Test
    void queryByIssuerPagesThroughDateRange() {
        // 3 invoices on each of 2026-11-19 .. 2026-11-23 (CST), plus one of another issuer
        ArrayNode batch = Json.MAPPER.createArrayNode();
        int n = 0;
        for (int day = 19; day <= 23; day++) {
            for (int k = 0; k < 3; k++) {
                batch.add(Fixture.anchor(Fixture.invoiceId(++n), "2026-11-" + day + "T01:00:00Z", f.issuerKey));
            }
        }
        batch.add(Fixture.anchor(CreditCodes.invoiceId(Fixture.OTHER_ISSUER, 1), "2026-11-20T01:00:00Z", f.otherKey));
        h.call(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()));

        List<String> seen = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            String bm = bookmark;
            JsonNode page = h.json(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                    "2026-11-20", "2026-11-22", "4", bm));
            page.get("items").forEach(i -> seen.add(i.get("invoiceId").asText()));
            bookmark = page.get("bookmark").isNull() ? null : page.get("bookmark").asText();
            assertTrue(page.get("items").size() <= 4);
            pages++;
        } while (bookmark != null && pages < 10);
        List<String> expected = new ArrayList<>();
        for (int i = 4; i <= 12; i++) {
            expected.add(Fixture.invoiceId(i));
        }
        assertEquals(expected, seen);
        assertEquals(3, pages);

        JsonNode all = h.json(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2026-01-01", "2026-12-31", "100", ""));
        assertEquals(15, all.get("items").size());
        assertTrue(all.get("bookmark").isNull());
        JsonNode other = h.json(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.OTHER_ISSUER,
                "2026-01-01", "2026-12-31", "100", null));
        assertEquals(1, other.get("items").size());
        JsonNode none = h.json(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2027-01-01", "2027-12-31", "10", ""));
        assertEquals(0, none.get("items").size());
    }

    @Test
    void queryArgumentsChecked() {
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2026-11-22", "2026-11-20", "4", "")).startsWith("INVALID_ARGUMENT: toDate: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2026-11-20", "2026-11-22", "0", "")).startsWith("INVALID_ARGUMENT: pageSize: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2026-11-20", "2026-11-22", "ten", "")).startsWith("INVALID_ARGUMENT: pageSize: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, "X",
                "2026-11-20", "2026-11-22", "4", "")).startsWith("INVALID_ARGUMENT: issuer: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.queryInvoicesByIssuer(ctx, Fixture.ISSUER,
                "2026-11-20", "2026-11-22", "4", "20261120-" + CreditCodes.invoiceId(Fixture.OTHER_ISSUER, 1)))
                .startsWith("INVALID_ARGUMENT: bookmark: "));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.getInvoice(ctx, Fixture.invoiceId(1)))
                .startsWith("NOT_FOUND: "));
    }

    static final ReferenceTree TREE = ReferenceTree.of(64);

    static String root(int size) {
        return Hex.encode(TREE.root(size));
    }

    static String proofJson(List<byte[]> proof) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        proof.forEach(h -> a.add(Hex.encode(h)));
        return a.toString();
    }

    static String proof(int from, int to) {
        return proofJson(TREE.consistency(from, to));
    }

    String checkpoint(Harness.Who who, long size, String root, Sm2TestKey key, String proof) {
        String sig = key.checkpointSignature(Fixture.NODE, size, root);
        return h.call(who, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, Long.toString(size), root, sig,
                proof));
    }

    String refuseCheckpoint(Harness.Who who, long size, String root, Sm2TestKey key, String proof) {
        String sig = key.checkpointSignature(Fixture.NODE, size, root);
        return h.refusal(who, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, Long.toString(size), root, sig,
                proof));
    }

    String refuseCheckpoint(Harness.Who who, long size, String root, Sm2TestKey key) {
        return refuseCheckpoint(who, size, root, key, "[]");
    }

    @Test
    void checkpointsMoveForwardOnly() {
        String root10 = root(10);
        JsonNode c = Json.tree(checkpoint(Harness.ENTERPRISE, 10, root10, f.nodeKey, "[]").getBytes());
        assertEquals(10, c.get("treeSize").asLong());
        assertTrue(c.get("previousTreeSize").isNull(), "first checkpoint");
        assertEquals(f.nodeKey.keyId(), c.get("keyId").asText());
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("{\"nodeId\":\"node-1\",\"previousTreeSize\":null,\"rootHash\":\"" + root10
                + "\",\"treeSize\":10,\"txId\":\"" + h.lastTxId + "\"}", e.text());
        int events = h.stub.events.size();
        checkpoint(Harness.ENTERPRISE, 10, root10, f.nodeKey, "[]");
        assertEquals(events, h.stub.events.size(), "same size and root: unchanged");
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 10, Fixture.hash("fork"), f.nodeKey).startsWith("CONFLICT: "));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 9, root(9), f.nodeKey, "[]").startsWith("CONFLICT: "));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 9, root(9), f.nodeKey, proof(9, 10))
                .startsWith("CONFLICT: treeSize 9 is below"));
        JsonNode c11 = Json.tree(checkpoint(Harness.ENTERPRISE, 11, root(11), f.nodeKey, proof(10, 11)).getBytes());
        assertEquals(10, c11.get("previousTreeSize").asLong());
        e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("{\"nodeId\":\"node-1\",\"previousTreeSize\":10,\"rootHash\":\"" + root(11)
                + "\",\"treeSize\":11,\"txId\":\"" + h.lastTxId + "\"}", e.text());
        assertEquals(11, h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpoint(ctx, Fixture.NODE))
                .get("treeSize").asLong());
        assertEquals(2, h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpointHistory(ctx, Fixture.NODE)).size());
    }

    @Test
    void validExtensionsAccepted() {
        int[] sizes = {1, 2, 3, 8, 13, 16, 17, 40, 64};
        checkpoint(Harness.ENTERPRISE, sizes[0], root(sizes[0]), f.nodeKey, "[]");
        for (int i = 1; i < sizes.length; i++) {
            JsonNode c = Json.tree(checkpoint(Harness.ENTERPRISE, sizes[i], root(sizes[i]), f.nodeKey,
                    proof(sizes[i - 1], sizes[i])).getBytes());
            assertEquals(sizes[i], c.get("treeSize").asLong());
            assertEquals(sizes[i - 1], c.get("previousTreeSize").asLong());
        }
        assertEquals(sizes.length,
                h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpointHistory(ctx, Fixture.NODE)).size());
        // equal size with the same root again: unchanged
        checkpoint(Harness.ENTERPRISE, 64, root(64), f.nodeKey, "[]");
    }

    @Test
    void nonAppendOnlyCheckpointsRefused() {
        checkpoint(Harness.ENTERPRISE, 6, root(6), f.nodeKey, "[]");
        String prefix = "CONFLICT: checkpoint is not an append-only extension of tree size 6: ";
        List<byte[]> good = TREE.consistency(6, 13);
        // wrong proof: one hash changed
        List<byte[]> flipped = new ArrayList<>(good);
        byte[] x = flipped.get(1).clone();
        x[0] ^= 1;
        flipped.set(1, x);
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, root(13), f.nodeKey, proofJson(flipped))
                .startsWith(prefix), "wrong proof");
        // truncated proof
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, root(13), f.nodeKey,
                proofJson(good.subList(0, good.size() - 1))).startsWith(prefix + "proof too short"), "truncated");
        // empty proof for a larger size
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, root(13), f.nodeKey, "[]").startsWith(prefix),
                "empty proof");
        // a forged new root (history rewritten): the honest proof does not lead to it
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, Fixture.hash("rewritten"), f.nodeKey, proofJson(good))
                .startsWith(prefix + "proof does not lead to the new root"), "forged root");
        // wrong old root: a tree whose first 6 leaves differ from the anchored ones
        List<byte[]> forkProof = forked().consistency(6, 13);
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, Hex.encode(forked().root(13)), f.nodeKey,
                proofJson(forkProof)).startsWith(prefix + "proof does not lead to the old root"), "fork");
        // a proof for another pair of sizes
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 13, root(13), f.nodeKey, proof(5, 13)).startsWith(prefix));
        // the honest extension still goes through
        checkpoint(Harness.ENTERPRISE, 13, root(13), f.nodeKey, proofJson(good));
        assertEquals(13, h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpoint(ctx, Fixture.NODE))
                .get("treeSize").asLong());
    }

    /** A tree of 13 leaves that differs from TREE in leaf 2. */
    static ReferenceTree forked() {
        return ReferenceTree.forkOf(13, 2);
    }

    @Test
    void consistencyProofArgumentChecked() {
        String r = root(3);
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, proof(1, 3))
                .startsWith("INVALID_ARGUMENT: consistencyProof: must be [] for the first checkpoint"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "")
                .startsWith("INVALID_ARGUMENT: consistencyProof: is required"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "{}")
                .startsWith("INVALID_ARGUMENT: consistencyProof: must be a JSON array"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "[\"AB\"]")
                .startsWith("INVALID_ARGUMENT: consistencyProof[0]: must be 64 lowercase hex"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "[1]")
                .startsWith("INVALID_ARGUMENT: consistencyProof[0]: must be a string"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "[")
                .startsWith("INVALID_ARGUMENT: consistencyProof: malformed JSON"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 0, Fixture.hash("x"), f.nodeKey, "[]")
                .startsWith("INVALID_ARGUMENT: rootHash: the empty tree's root is "));
        // from the empty tree every tree is an extension; the proof must be empty
        checkpoint(Harness.ENTERPRISE, 0, root(0), f.nodeKey, "[]");
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, proof(1, 3))
                .startsWith("CONFLICT: checkpoint is not an append-only extension of tree size 0: "));
        JsonNode c = Json.tree(checkpoint(Harness.ENTERPRISE, 3, r, f.nodeKey, "[]").getBytes());
        assertEquals(0, c.get("previousTreeSize").asLong());
    }

    @Test
    void checkpointSignatureAndAccess() {
        String root = Fixture.hash("r");
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 5, root, f.issuerKey).startsWith("INVALID_SIGNATURE: "),
                "an ENTERPRISE key is not a node key");
        assertTrue(refuseCheckpoint(Harness.AUDITOR, 5, root, f.nodeKey).startsWith("FORBIDDEN: "));
        String sig = f.nodeKey.checkpointSignature(Fixture.NODE, 5, root);
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "6", root, sig, "[]"))
                .startsWith("INVALID_SIGNATURE: "), "signature over another size");
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "-1", root, sig, "[]"))
                .startsWith("INVALID_ARGUMENT: treeSize: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "5", "00", sig, "[]"))
                .startsWith("INVALID_ARGUMENT: rootHash: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, "bad id!", "5", root, sig, "[]"))
                .startsWith("INVALID_ARGUMENT: nodeId: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "5", root, "%", "[]"))
                .startsWith("INVALID_ARGUMENT: signature: "));
        // the node key must be valid now (transaction time)
        h.now = Instant.parse("2026-12-01T00:00:00Z");
        h.call(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.nodeKey.keyId(), "2026-11-30T00:00:00Z", "lost"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 5, root, f.nodeKey).startsWith("INVALID_SIGNATURE: no NODE key"));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.getCheckpoint(ctx, Fixture.NODE))
                .startsWith("NOT_FOUND: "));
    }
}
