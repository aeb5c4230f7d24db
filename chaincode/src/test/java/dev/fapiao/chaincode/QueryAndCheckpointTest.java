package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fapiao.chaincode.ledger.Json;
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

    String checkpoint(Harness.Who who, long size, String root, Sm2TestKey key) {
        String sig = key.checkpointSignature(Fixture.NODE, size, root);
        return h.call(who, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, Long.toString(size), root, sig));
    }

    String refuseCheckpoint(Harness.Who who, long size, String root, Sm2TestKey key) {
        String sig = key.checkpointSignature(Fixture.NODE, size, root);
        return h.refusal(who, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, Long.toString(size), root, sig));
    }

    @Test
    void checkpointsMoveForwardOnly() {
        String root10 = Fixture.hash("root-10");
        JsonNode c = Json.tree(checkpoint(Harness.ENTERPRISE, 10, root10, f.nodeKey).getBytes());
        assertEquals(10, c.get("treeSize").asLong());
        assertEquals(f.nodeKey.keyId(), c.get("keyId").asText());
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("{\"nodeId\":\"node-1\",\"rootHash\":\"" + root10 + "\",\"treeSize\":10,\"txId\":\""
                + h.lastTxId + "\"}", e.text());
        int events = h.stub.events.size();
        checkpoint(Harness.ENTERPRISE, 10, root10, f.nodeKey);
        assertEquals(events, h.stub.events.size(), "same size and root: unchanged");
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 10, Fixture.hash("fork"), f.nodeKey).startsWith("CONFLICT: "));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 9, Fixture.hash("root-9"), f.nodeKey).startsWith("CONFLICT: "));
        checkpoint(Harness.ENTERPRISE, 11, Fixture.hash("root-11"), f.nodeKey);
        assertEquals(11, h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpoint(ctx, Fixture.NODE))
                .get("treeSize").asLong());
        assertEquals(2, h.json(Harness.AUDITOR, ctx -> h.contract.getCheckpointHistory(ctx, Fixture.NODE)).size());
    }

    @Test
    void checkpointSignatureAndAccess() {
        String root = Fixture.hash("r");
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 5, root, f.issuerKey).startsWith("INVALID_SIGNATURE: "),
                "an ENTERPRISE key is not a node key");
        assertTrue(refuseCheckpoint(Harness.AUDITOR, 5, root, f.nodeKey).startsWith("FORBIDDEN: "));
        String sig = f.nodeKey.checkpointSignature(Fixture.NODE, 5, root);
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "6", root, sig))
                .startsWith("INVALID_SIGNATURE: "), "signature over another size");
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "-1", root, sig))
                .startsWith("INVALID_ARGUMENT: treeSize: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "5", "00", sig))
                .startsWith("INVALID_ARGUMENT: rootHash: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, "bad id!", "5", root, sig))
                .startsWith("INVALID_ARGUMENT: nodeId: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorCheckpoint(ctx, Fixture.NODE, "5", root, "%"))
                .startsWith("INVALID_ARGUMENT: signature: "));
        // the node key must be valid now (transaction time)
        h.now = Instant.parse("2026-12-01T00:00:00Z");
        h.call(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.nodeKey.keyId(), "2026-11-30T00:00:00Z", "lost"));
        assertTrue(refuseCheckpoint(Harness.ENTERPRISE, 5, root, f.nodeKey).startsWith("INVALID_SIGNATURE: no NODE key"));
        assertTrue(h.refusal(Harness.AUDITOR, ctx -> h.contract.getCheckpoint(ctx, Fixture.NODE))
                .startsWith("NOT_FOUND: "));
    }
}
