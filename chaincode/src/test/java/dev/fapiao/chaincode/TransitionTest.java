package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransitionTest {

    final Fixture f = new Fixture();
    final Harness h = f.h;
    final String id = Fixture.invoiceId(1);

    TransitionTest() {
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey));
    }

    JsonNode move(Harness.Who who, String action, String ref) {
        return h.json(who, ctx -> h.contract.transition(ctx, id, action, "because", ref));
    }

    String refuse(Harness.Who who, String action, String reason, String ref) {
        return h.refusal(who, ctx -> h.contract.transition(ctx, id, action, reason, ref));
    }

    @Test
    void deliverAcceptRecordsChangeAndEvent() {
        JsonNode d = move(Harness.ENTERPRISE, "DELIVER", "");
        assertEquals("DELIVERED", d.get("status").asText());
        JsonNode change = d.get("lastChange");
        assertEquals("DELIVER", change.get("action").asText());
        assertEquals(h.lastTxId, change.get("txId").asText());
        assertEquals("2026-11-23T08:00:00Z", change.get("at").asText());
        assertEquals("CN=User1@es.fapiao.dev,OU=client,O=es.fapiao.dev,C=CN", change.get("subject").asText());
        assertEquals("because", change.get("reason").asText());
        assertTrue(change.get("ref").isNull());
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("InvoiceTransitioned", e.name());
        assertEquals("{\"action\":\"DELIVER\",\"invoiceId\":\"" + id + "\",\"legalHold\":false,\"mspId\":"
                + "\"EnterpriseServicesMSP\",\"reason\":\"because\",\"ref\":null,\"status\":\"DELIVERED\",\"txId\":\""
                + h.lastTxId + "\"}", e.text());
        assertEquals("ACCEPTED", move(Harness.ENTERPRISE, "ACCEPT", null).get("status").asText());
        assertTrue(refuse(Harness.ENTERPRISE, "DELIVER", "again", "").startsWith("ILLEGAL_TRANSITION: DELIVER of "));
        JsonNode history = h.json(Harness.AUDITOR, ctx -> h.contract.getInvoiceHistory(ctx, id));
        assertEquals(3, history.size());
        assertEquals("ACCEPTED", history.get(0).get("value").get("status").asText());
        assertEquals("ISSUED", history.get(2).get("value").get("status").asText());
        assertEquals("2026-11-23T08:00:00Z", history.get(0).get("timestamp").asText());
    }

    @Test
    void reasonRequiredAndArgumentsChecked() {
        assertTrue(refuse(Harness.ENTERPRISE, "DELIVER", "  ", "").startsWith("INVALID_ARGUMENT: reason: "));
        assertTrue(refuse(Harness.ENTERPRISE, "DELIVER", null, "").startsWith("INVALID_ARGUMENT: reason: "));
        assertTrue(refuse(Harness.ENTERPRISE, "SHRED", "x", "").startsWith("INVALID_ARGUMENT: action: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.transition(ctx, Fixture.invoiceId(99), "DELIVER",
                "x", "")).startsWith("NOT_FOUND: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.transition(ctx, "bad", "DELIVER", "x", ""))
                .startsWith("INVALID_ARGUMENT: invoiceId: "));
    }

    @Test
    void legalHoldOnlyByTaxAuthorityAndBlocksDisposal() {
        assertTrue(refuse(Harness.ENTERPRISE, "LEGAL_HOLD_ON", "x", "").startsWith("FORBIDDEN: "));
        assertTrue(refuse(Harness.OPERATOR, "LEGAL_HOLD_ON", "x", "").startsWith("FORBIDDEN: "));
        assertTrue(refuse(Harness.AUDITOR, "LEGAL_HOLD_OFF", "x", "").startsWith("ILLEGAL_TRANSITION: "));
        JsonNode held = move(Harness.AUDITOR, "LEGAL_HOLD_ON", "case 2026-17");
        assertTrue(held.get("legalHold").asBoolean());
        assertEquals("ISSUED", held.get("status").asText());
        assertEquals("case 2026-17", held.get("lastChange").get("ref").asText());
        assertTrue(refuse(Harness.AUDITOR, "LEGAL_HOLD_ON", "x", "").startsWith("ILLEGAL_TRANSITION: "));
        assertTrue(refuse(Harness.AUDITOR, "DELIVER", "x", "").startsWith("FORBIDDEN: "));
        h.now = Instant.parse("2041-11-21T00:00:00Z");
        assertTrue(refuse(Harness.ENTERPRISE, "DISPOSE", "x", "").contains("under legal hold"));
        assertTrue(!move(Harness.TAX_ADMIN, "LEGAL_HOLD_OFF", null).get("legalHold").asBoolean());
        assertEquals("DISPOSED", move(Harness.ENTERPRISE, "DISPOSE", null).get("status").asText());
        for (String action : new String[] {"DELIVER", "ACCEPT", "DISPOSE"}) {
            assertTrue(refuse(Harness.ENTERPRISE, action, "x", Fixture.invoiceId(2)).startsWith("ILLEGAL_TRANSITION: "));
        }
        assertTrue(refuse(Harness.AUDITOR, "LEGAL_HOLD_ON", "x", "").startsWith("ILLEGAL_TRANSITION: "));
    }

    @Test
    void disposalOnlyAfterRetainUntilInChinaStandardTime() {
        // retainUntil 2041-11-20; 2041-11-20T15:59:59Z is still 2041-11-20 in CST
        h.now = Instant.parse("2041-11-20T15:59:59Z");
        assertTrue(refuse(Harness.ENTERPRISE, "DISPOSE", "x", "").contains("retained until 2041-11-20"));
        h.now = Instant.parse("2041-11-20T16:00:00Z");
        assertEquals("DISPOSED", move(Harness.ENTERPRISE, "DISPOSE", null).get("status").asText());
    }

    @Test
    void redReverseNeedsMatchingRedLetterInvoice() {
        String redId = Fixture.invoiceId(2);
        assertTrue(refuse(Harness.ENTERPRISE, "RED_REVERSE", "x", "").startsWith("INVALID_ARGUMENT: ref: "));
        assertTrue(refuse(Harness.ENTERPRISE, "RED_REVERSE", "x", redId).startsWith("NOT_FOUND: ref"));
        // a NORMAL invoice is not a red-letter invoice
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(3), Fixture.ISSUE_TIME, f.issuerKey));
        assertTrue(refuse(Harness.ENTERPRISE, "RED_REVERSE", "x", Fixture.invoiceId(3)).contains("not RED_LETTER"));
        // a red-letter invoice reversing another invoice
        ObjectNode otherRed = Fixture.anchor(Fixture.invoiceId(4), Fixture.ISSUE_TIME, f.issuerKey)
                .put("kind", "RED_LETTER").put("reverses", Fixture.invoiceId(3));
        f.anchorInvoice(Harness.ENTERPRISE, otherRed);
        assertTrue(refuse(Harness.ENTERPRISE, "RED_REVERSE", "x", Fixture.invoiceId(4)).contains("not this invoice"));
        ObjectNode red = Fixture.anchor(redId, Fixture.ISSUE_TIME, f.issuerKey).put("kind", "RED_LETTER")
                .put("reverses", id);
        f.anchorInvoice(Harness.ENTERPRISE, red);
        assertTrue(refuse(Harness.AUDITOR, "RED_REVERSE", "x", redId).startsWith("FORBIDDEN: "));
        JsonNode r = move(Harness.ENTERPRISE, "RED_REVERSE", redId);
        assertEquals("RED_REVERSED", r.get("status").asText());
        assertEquals(redId, r.get("lastChange").get("ref").asText());
        assertTrue(refuse(Harness.ENTERPRISE, "RED_REVERSE", "x", redId).startsWith("ILLEGAL_TRANSITION: "));
    }
}
