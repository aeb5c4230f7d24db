package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AnchoringTest {

    final Fixture f = new Fixture();
    final Harness h = f.h;

    @Test
    void anchorsWithRecordIndexAndEvent() {
        String id = Fixture.invoiceId(1);
        h.now = Instant.parse("2026-11-20T03:00:00.123456789Z");
        JsonNode r = f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey));
        assertEquals(id, r.get("invoiceId").asText());
        assertEquals(Fixture.ISSUER, r.get("issuer").asText());
        assertEquals("00000000000000000001", r.get("number").asText());
        assertEquals("ISSUED", r.get("status").asText());
        assertEquals("NORMAL", r.get("kind").asText());
        assertEquals("2041-11-20", r.get("retainUntil").asText(), "CST issue date + 15 years");
        assertEquals("2026-11-20T03:00:00.123Z", r.get("anchoredAt").asText(), "tx time, milliseconds");
        assertEquals(h.lastTxId, r.get("anchoredTxId").asText());
        assertEquals("EnterpriseServicesMSP", r.get("anchoredBy").get("mspId").asText());
        assertTrue(r.get("reverses").isNull() && r.get("lastChange").isNull());
        assertTrue(r.get("legalHold").isBoolean() && !r.get("legalHold").asBoolean());
        assertTrue(h.stub.committedState().containsKey(Keys.issuerDate(Fixture.ISSUER, "20261120", id)));
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertEquals("InvoicesAnchored", e.name());
        assertEquals("{\"items\":[{\"docHash\":\"" + r.get("docHash").asText() + "\",\"invoiceId\":\"" + id
                + "\",\"metaHash\":\"" + r.get("metaHash").asText() + "\",\"retainUntil\":\"2041-11-20\"}],"
                + "\"txId\":\"" + h.lastTxId + "\"}", e.text());
    }

    @Test
    void issueDateAndRetentionUseChinaStandardTime() {
        String id = Fixture.invoiceId(2);
        // 2026-12-31T17:00Z is 2027-01-01 01:00 in Beijing
        JsonNode r = f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, "2026-12-31T17:00:00Z", f.nodeKey));
        assertEquals("2042-01-01", r.get("retainUntil").asText());
        assertTrue(h.stub.committedState().containsKey(Keys.issuerDate(Fixture.ISSUER, "20270101", id)));
    }

    @Test
    void storedRecordIsDeterministicSortedJson() {
        String id = Fixture.invoiceId(3);
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey));
        String stored = new String(h.stub.committedState().get(Keys.invoice(id)), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("{\"anchoredAt\":"), stored);
        assertSorted(Json.tree(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(stored, Json.text(Json.state(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.fapiao.chaincode.model.InvoiceRecord.class)), "round trip is byte-identical");
    }

    static void assertSorted(JsonNode node) {
        if (node.isObject()) {
            String prev = "";
            for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                assertTrue(name.compareTo(prev) > 0, "key order: " + prev + " then " + name);
                prev = name;
                assertSorted(node.get(name));
            }
        } else if (node.isArray()) {
            node.forEach(AnchoringTest::assertSorted);
        }
    }

    @Test
    void idempotentReAnchorAndConflict() {
        String id = Fixture.invoiceId(4);
        JsonNode first = f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey));
        int events = h.stub.events.size();
        // re-signed (SM2 signatures differ each time) but the same content
        JsonNode again = f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey));
        assertEquals(first, again);
        assertEquals(events, h.stub.events.size(), "no event for an unchanged anchor");
        assertEquals(0, h.stub.setEventCalls());
        ObjectNode changed = Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey);
        changed.put("docHash", Fixture.hash("other document"));
        String msg = f.refuseAnchor(Harness.ENTERPRISE, Fixture.resign(changed, f.issuerKey));
        assertTrue(msg.startsWith("CONFLICT: invoice " + id), msg);
        ObjectNode longer = Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey).put("retainUntil", "2050-01-01");
        assertTrue(f.refuseAnchor(Harness.ENTERPRISE, Fixture.resign(longer, f.issuerKey)).startsWith("CONFLICT: "));
    }

    @Test
    void signatureChecks() {
        String id = Fixture.invoiceId(5);
        // valid: enterprise key of the issuer, and a node key (any issuer)
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(id, Fixture.ISSUE_TIME, f.issuerKey, f.nodeKey));
        String other = CreditCodes.invoiceId(Fixture.OTHER_ISSUER, 1);
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(other, Fixture.ISSUE_TIME, f.nodeKey));

        // forged: signature over other content
        ObjectNode forged = Fixture.anchor(Fixture.invoiceId(6), Fixture.ISSUE_TIME, f.issuerKey);
        forged.put("metaHash", Fixture.hash("tampered"));
        assertEquals("INVALID_SIGNATURE: signatures[0]: signature does not verify with key " + f.issuerKey.keyId(),
                f.refuseAnchor(Harness.ENTERPRISE, forged));

        // wrong key: signed by one key, claims another registered key of the issuer
        ObjectNode wrong = Fixture.anchor(Fixture.invoiceId(6), Fixture.ISSUE_TIME, f.nodeKey);
        ((ObjectNode) wrong.get("signatures").get(0)).put("keyId", f.issuerKey.keyId());
        assertTrue(f.refuseAnchor(Harness.ENTERPRISE, wrong).startsWith("INVALID_SIGNATURE: signatures[0]: "
                + "signature does not verify"));

        // unregistered key
        Sm2TestKey stranger = Sm2TestKey.fromSeed("stranger");
        assertTrue(f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(6), Fixture.ISSUE_TIME,
                stranger)).startsWith("INVALID_SIGNATURE: signatures[0]: key " + stranger.keyId() + " is not registered"));

        // enterprise key of another issuer
        String msg = f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(6), Fixture.ISSUE_TIME,
                f.otherKey));
        assertTrue(msg.startsWith("INVALID_SIGNATURE: signatures[0]: ENTERPRISE key " + f.otherKey.keyId()
                + " belongs to " + Fixture.OTHER_ISSUER), msg);

        // second signature bad names index 1
        ObjectNode second = Fixture.anchor(Fixture.invoiceId(6), Fixture.ISSUE_TIME, f.issuerKey, f.otherKey);
        assertTrue(f.refuseAnchor(Harness.ENTERPRISE, second).startsWith("INVALID_SIGNATURE: signatures[1]: "));

        // key not valid yet at issue time
        assertTrue(f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(6), "2025-12-31T23:59:59Z",
                f.issuerKey)).contains("is valid only from 2026-01-01T00:00:00Z"));
    }

    @Test
    void revokedKeyRefusedFromRevocationOnButEarlierSealsStayValid() {
        h.now = Instant.parse("2026-12-01T00:00:00Z");
        h.call(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(), "2026-11-20T02:30:00Z",
                "compromised"));
        String msg = f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(7), "2026-11-20T02:30:00Z",
                f.issuerKey));
        assertTrue(msg.startsWith("INVALID_SIGNATURE: signatures[0]: key " + f.issuerKey.keyId()
                + " is revoked from 2026-11-20T02:30:00Z"), msg);
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(7), "2026-11-20T02:29:59.999Z",
                f.issuerKey));
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        ObjectNode ok = Fixture.anchor(Fixture.invoiceId(8), Fixture.ISSUE_TIME, f.issuerKey);
        assertInvalid("invoiceId", ok.deepCopy().put("invoiceId", "91350100M000100Y4412345678901234567890"));
        assertInvalid("invoiceId", ok.deepCopy().put("invoiceId", "short"));
        assertInvalid("invoiceId", ok.deepCopy().put("invoiceId", CreditCodes.EXAMPLE + "1234567890123456789X"));
        assertInvalid("docHash", ok.deepCopy().put("docHash", "ABCD"));
        assertInvalid("docHash", ok.deepCopy().put("docHash", Fixture.hash("x").toUpperCase()));
        assertInvalid("metaHash", ok.deepCopy().putNull("metaHash"));
        assertInvalid("issueTime", ok.deepCopy().put("issueTime", "2026-11-20 02:30"));
        assertInvalid("issueTime", ok.deepCopy().put("issueTime", "2026-11-20T02:30:00.0001Z"));
        assertInvalid("retainUntil", ok.deepCopy().put("retainUntil", "2020-01-01"));
        assertInvalid("retainUntil", ok.deepCopy().put("retainUntil", "tomorrow"));
        assertInvalid("kind", ok.deepCopy().put("kind", "BLUE"));
        assertInvalid("reverses", ok.deepCopy().put("reverses", Fixture.invoiceId(1)));
        assertInvalid("reverses", ok.deepCopy().put("kind", "RED_LETTER"));
        assertInvalid("reverses", ok.deepCopy().put("kind", "RED_LETTER")
                .put("reverses", CreditCodes.invoiceId(Fixture.OTHER_ISSUER, 1)));
        ObjectNode noSigs = ok.deepCopy();
        noSigs.putArray("signatures");
        assertInvalid("signatures", noSigs);
        assertInvalid("signatures[0].keyId", withSig(ok, "nothex", "AAAA"));
        assertInvalid("signatures[0].signature", withSig(ok, f.issuerKey.keyId(), "!!not base64!!"));
        assertInvalid("signatures[0].signature", withSig(ok, f.issuerKey.keyId(),
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})));
        ObjectNode extra = withSig(ok, f.issuerKey.keyId(), "AAAA");
        ((ObjectNode) extra.get("signatures").get(0)).put("x", 1);
        assertInvalid("anchor.signatures[0].x", extra);
        String dup = f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(8), Fixture.ISSUE_TIME,
                f.issuerKey, f.issuerKey));
        assertTrue(dup.startsWith("INVALID_ARGUMENT: signatures[1].keyId: "), dup);
        for (String junk : new String[] {"", "{", "[]", "42", "null", "{\"invoiceId\": 5, \"signatures\": {}}"}) {
            String m = h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorInvoice(ctx, junk));
            assertTrue(m.startsWith("INVALID_ARGUMENT: "), junk + " -> " + m);
        }
        String unknown = f.refuseAnchor(Harness.ENTERPRISE, ok.deepCopy().put("colour", "red"));
        assertEquals("INVALID_ARGUMENT: anchor.colour: unknown field", unknown);
    }

    private static ObjectNode withSig(ObjectNode anchor, String keyId, String sig) {
        ObjectNode copy = anchor.deepCopy();
        copy.putArray("signatures").addObject().put("keyId", keyId).put("signature", sig);
        return copy;
    }

    private void assertInvalid(String field, ObjectNode anchor) {
        String msg = f.refuseAnchor(Harness.ENTERPRISE, anchor);
        assertTrue(msg.startsWith("INVALID_ARGUMENT: " + field + ": "), field + " -> " + msg);
        assertTrue(!msg.contains("Exception") && !msg.contains("\tat "), msg);
    }

    @Test
    void onlyEnterpriseServicesAnchors() {
        ObjectNode a = Fixture.anchor(Fixture.invoiceId(9), Fixture.ISSUE_TIME, f.issuerKey);
        assertTrue(f.refuseAnchor(Harness.AUDITOR, a).startsWith("FORBIDDEN: "));
        assertTrue(f.refuseAnchor(Harness.STRANGER, a).startsWith("FORBIDDEN: "));
        String batch = "[" + a + "]";
        assertTrue(h.refusal(Harness.TAX_ADMIN, ctx -> h.contract.anchorBatch(ctx, batch)).startsWith("FORBIDDEN: "));
        f.anchorInvoice(Harness.OPERATOR, a);
    }

    @Test
    void batchOf500AnchorsAllWithOneEvent() {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 500; i++) {
            batch.add(Fixture.anchor(Fixture.invoiceId(1000 + i), Fixture.ISSUE_TIME, i % 2 == 0 ? f.issuerKey : f.nodeKey));
        }
        int events = h.stub.events.size();
        long start = System.nanoTime();
        JsonNode r = h.json(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, r.get("anchored").asInt());
        assertEquals(0, r.get("unchanged").asInt());
        assertEquals(500, r.get("records").size());
        assertEquals(Fixture.invoiceId(1499), r.get("records").get(499).get("invoiceId").asText());
        assertEquals(events + 1, h.stub.events.size());
        assertEquals(1, h.stub.setEventCalls());
        assertEquals(500, Json.tree(h.stub.events.get(events).payload()).get("items").size());
        assertTrue(millis < 20_000, "500 verifications took " + millis + " ms");
        // again, with one new item: only that one is anchored and in the event
        batch.add(Fixture.anchor(Fixture.invoiceId(2000), Fixture.ISSUE_TIME, f.issuerKey));
        batch.remove(0);
        JsonNode again = h.json(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()));
        assertEquals(1, again.get("anchored").asInt());
        assertEquals(499, again.get("unchanged").asInt());
        assertEquals(1, Json.tree(h.stub.events.get(events + 1).payload()).get("items").size());
    }

    @Test
    void batchWithABadItemWritesNothingAndNamesTheItem() {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 20; i++) {
            batch.add(Fixture.anchor(Fixture.invoiceId(3000 + i), Fixture.ISSUE_TIME, f.issuerKey));
        }
        ((ObjectNode) batch.get(17)).put("docHash", Fixture.hash("tampered"));
        int stateSize = h.stub.committedState().size();
        String msg = h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()));
        assertEquals("INVALID_SIGNATURE: item 17 (" + Fixture.invoiceId(3017) + "): signatures[0]: signature does not"
                + " verify with key " + f.issuerKey.keyId(), msg);
        assertEquals(stateSize, h.stub.committedState().size());

        ((ObjectNode) batch.get(17)).put("docHash", "xyz");
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()))
                .startsWith("INVALID_ARGUMENT: item 17 (" + Fixture.invoiceId(3017) + "): docHash: "));
        ((ObjectNode) batch.get(17)).put("extra", 1);
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString()))
                .startsWith("INVALID_ARGUMENT: item 17 (" + Fixture.invoiceId(3017) + "): anchor.extra: unknown"));
    }

    @Test
    void batchDuplicatesInsideOneTransaction() {
        ObjectNode a = Fixture.anchor(Fixture.invoiceId(4000), Fixture.ISSUE_TIME, f.issuerKey);
        String same = "[" + a + "," + Fixture.anchor(Fixture.invoiceId(4000), Fixture.ISSUE_TIME, f.issuerKey) + "]";
        JsonNode r = h.json(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, same));
        assertEquals(1, r.get("anchored").asInt());
        assertEquals(1, r.get("unchanged").asInt());
        ObjectNode b = Fixture.anchor(Fixture.invoiceId(4001), Fixture.ISSUE_TIME, f.issuerKey);
        ObjectNode c = Fixture.resign(b.deepCopy().put("metaHash", Fixture.hash("m2")), f.issuerKey);
        String msg = h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, "[" + b + "," + c + "]"));
        assertTrue(msg.startsWith("CONFLICT: item 1 (" + Fixture.invoiceId(4001) + "): "), msg);
    }

    @Test
    void batchSizeLimits() {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        ObjectNode a = Fixture.anchor(Fixture.invoiceId(5000), Fixture.ISSUE_TIME, f.issuerKey);
        for (int i = 0; i < 501; i++) {
            batch.add(a);
        }
        assertEquals("INVALID_ARGUMENT: anchors: a batch holds 1 to 500 anchors, got 501",
                h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, batch.toString())));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, "[]"))
                .startsWith("INVALID_ARGUMENT: anchors: "));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, a.toString()))
                .startsWith("INVALID_ARGUMENT: anchors: must be a JSON array"));
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.anchorBatch(ctx, "[1]"))
                .startsWith("INVALID_ARGUMENT: item 0 (?): anchor: must be a JSON object"));
    }

    @Test
    void parsedKeysAreCachedAcrossTransactions() throws Exception {
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(6000), Fixture.ISSUE_TIME, f.issuerKey));
        java.lang.reflect.Field cache = FapiaoContract.class.getDeclaredField("keyCache");
        cache.setAccessible(true);
        assertEquals(1, ((dev.fapiao.chaincode.crypto.PublicKeyCache) cache.get(h.contract)).size());
    }

    @Test
    void nodeKeysAreValidAtTheTransactionTimeEnterpriseKeysAtTheIssueTime() {
        // the node seals on receipt: an invoice issued before the node key existed still anchors
        Sm2TestKey lateNode = Sm2TestKey.fromSeed("late-node-key");
        f.register(lateNode, Fixture.ISSUER, "NODE", "node-2", "2026-11-22T00:00:00Z", null);
        h.now = Instant.parse("2026-11-23T08:00:00Z");
        JsonNode r = f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(90), "2026-11-20T02:30:00Z", lateNode));
        assertEquals("ISSUED", r.get("status").asText());
        // ...but not a seal made before the node key was valid
        h.now = Instant.parse("2026-11-21T08:00:00Z");
        String refused = f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(91), "2026-11-20T02:30:00Z", lateNode));
        assertTrue(refused.startsWith("INVALID_SIGNATURE") && refused.contains("transaction time"), refused);
        // an enterprise key registered after the issue time cannot have signed it
        Sm2TestKey lateIssuer = Sm2TestKey.fromSeed("late-issuer-key");
        f.register(lateIssuer, Fixture.ISSUER, "ENTERPRISE", null, "2026-11-22T00:00:00Z", null);
        h.now = Instant.parse("2026-11-23T08:00:00Z");
        refused = f.refuseAnchor(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(92), "2026-11-20T02:30:00Z", lateIssuer));
        assertTrue(refused.startsWith("INVALID_SIGNATURE") && refused.contains("issueTime"), refused);
    }
}
