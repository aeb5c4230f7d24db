package dev.fapiao.node.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port's records read the chaincode's JSON (docs/ledger-model.md) and keep it for pass-through. */
class LedgerRecordsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anInvoiceRecordBeforeAnyTransitionHasNoLastChange() throws Exception {
        JsonNode v = JSON.readTree("""
                {"invoiceId":"X1","docHash":"aa","metaHash":"bb","issueTime":"2026-01-02T03:04:05Z",
                 "retainUntil":"2041-12-31","status":"ISSUED","legalHold":false,"anchoredTxId":"tx1",
                 "anchoredAt":"2026-01-02T03:05:00Z","anchoredBy":{"mspId":"EnterpriseServicesMSP","subject":"CN=u"},
                 "signatures":[{"keyId":"k1","signature":"c2ln"}],"lastChange":null}""");
        InvoiceRecord r = InvoiceRecord.from(v);
        assertEquals("ISSUED", r.status());
        assertEquals("tx1", r.anchoredTxId());
        assertEquals(new InvoiceRecord.Actor("EnterpriseServicesMSP", "CN=u"), r.anchoredBy());
        assertEquals(List.of(new InvoiceRecord.SealSignature("k1", "c2ln")), r.signatures());
        assertNull(r.lastChange());
        assertFalse(r.legalHold());
        assertEquals(v, r.json());
    }

    @Test
    void aTransitionedRecordCarriesItsLastChange() throws Exception {
        InvoiceRecord r = InvoiceRecord.from(JSON.readTree("""
                {"invoiceId":"X1","status":"DELIVERED","legalHold":true,
                 "lastChange":{"action":"LEGAL_HOLD_ON","reason":"audit","ref":"","mspId":"TaxAuthorityMSP"}}"""));
        assertTrue(r.legalHold());
        assertEquals(new InvoiceRecord.Change("LEGAL_HOLD_ON", "audit", "", "TaxAuthorityMSP", null), r.lastChange());
        assertNull(r.docHash());
    }

    @Test
    void aMissingValueReadsAsAnEmptyRecord() {
        InvoiceRecord r = InvoiceRecord.from(MissingNode.getInstance());
        assertNull(r.status());
        assertNull(r.anchoredBy().mspId());
        assertEquals(List.of(), r.signatures());
        assertEquals(-1, CheckpointRecord.from(MissingNode.getInstance()).treeSize());
    }

    @Test
    void signerAndCheckpointRecords() throws Exception {
        SignerRecord s = SignerRecord.from(JSON.readTree("""
                {"keyId":"k1","ownerCode":"91350100M000100Y43","kind":"NODE","nodeId":"n1","publicKey":"PEM",
                 "userId":null,"validFrom":"2026-01-01T00:00:00Z","validTo":null,"revokedAt":"2026-02-01T00:00:00Z"}"""));
        assertEquals("NODE", s.kind());
        assertNull(s.userId());
        assertNull(s.validTo());
        assertEquals("2026-02-01T00:00:00Z", s.revokedAt());
        CheckpointRecord c = CheckpointRecord.from(JSON.readTree(
                "{\"nodeId\":\"n1\",\"treeSize\":12,\"rootHash\":\"ab\",\"keyId\":\"k1\",\"signature\":\"c2ln\"}"));
        assertEquals(new CheckpointRecord("n1", 12, "ab", "k1", "c2ln"), c);
    }

    @Test
    void aRegistrationLeavesOutWhatIsNotGivenInTheChaincodesFieldOrder() throws Exception {
        String json = JSON.writeValueAsString(new SignerRegistration("91350100M000100Y43", "NODE", "n1", "PEM",
                null, null, "2026-01-01T00:00:00Z", null));
        assertEquals("{\"ownerCode\":\"91350100M000100Y43\",\"kind\":\"NODE\",\"nodeId\":\"n1\",\"publicKey\":\"PEM\","
                + "\"validFrom\":\"2026-01-01T00:00:00Z\"}", json);
    }

    @Test
    void aRefusalKeepsTheChaincodesCodeMessageAndItem() {
        ChaincodeRefusedException e = new ChaincodeRefusedException(
                ChaincodeError.parse("chaincode response 500, CONFLICT: item 3 (X): different content"));
        assertEquals("CONFLICT", e.code());
        assertEquals(3, e.item());
        assertEquals("CONFLICT: item 3 (X): different content", e.getMessage());
        assertEquals(-1, new ChaincodeRefusedException("NOT_FOUND", "NOT_FOUND: x").item());
    }
}
