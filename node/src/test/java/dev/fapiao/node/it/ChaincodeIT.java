package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fapiao chaincode on the real network (scripts/network.sh up): anchoring, batches,
 * every transition rule, history, events, signature and access checks. Each run uses
 * fresh credit codes and keys, so runs never collide on the shared ledger.
 */
@ExtendWith(LedgerNetwork.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeIT {

    private static final String ENT = "EnterpriseServicesMSP";
    private static final String TAX = "TaxAuthorityMSP";
    private final ObjectMapper json = new ObjectMapper();
    private final TestInvoices ids = new TestInvoices();

    private LedgerConnection operator;   // EnterpriseServices admin: the signer registry
    private LedgerConnection enterprise; // EnterpriseServices client: anchors and transitions
    private LedgerConnection auditor;    // TaxAuthority client: reads, legal hold
    private String issuer;
    private Sm2KeyPair key;
    private Sealer sealer;

    @BeforeAll
    void connect(NetworkProfile profile) throws Exception {
        operator = LedgerConnection.open(profile.settings(ENT, "Admin"));
        enterprise = LedgerConnection.open(profile.settings(ENT, "User1"));
        auditor = LedgerConnection.open(profile.settings(TAX, "User1"));
        issuer = ids.creditCode();
        key = Sm2KeyPair.generate();
        sealer = new Sealer(key.privateKey());
        register(issuer, key, "2000-01-01T00:00:00Z");
    }

    @AfterAll
    void close() {
        for (LedgerConnection c : new LedgerConnection[] {operator, enterprise, auditor}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private JsonNode register(String owner, Sm2KeyPair k, String validFrom) throws Exception {
        String req = json.createObjectNode()
                .put("ownerCode", owner).put("kind", "ENTERPRISE")
                .put("publicKey", k.publicKey().toPem()).put("validFrom", validFrom).toString();
        return json.readTree(operator.contract().submitTransaction("registerSigner", req));
    }

    private String newId() {
        return issuer + ids.number();
    }

    private Seal seal(String id) {
        Instant issued = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        return TestInvoices.seal(sealer, id, issued, LocalDate.of(2041, 12, 31));
    }

    private JsonNode read(String fn, String... args) throws Exception {
        PeersInStep.await(enterprise, auditor);
        return json.readTree(auditor.contract().evaluateTransaction(fn, args));
    }

    private static ChaincodeError refused(Contract contract, String fn, String... args) {
        GatewayException e = assertThrows(GatewayException.class, () -> contract.submitTransaction(fn, args));
        ChaincodeError err = ChaincodeError.of(e);
        assertNotNull(err, "expected a chaincode error, got: " + e.getMessage());
        return err;
    }

    @Test
    void anchorsOneInvoiceAndReadsItBack() throws Exception {
        String id = newId();
        Seal s = seal(id);
        JsonNode rec = json.readTree(enterprise.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(s, "NORMAL", null)));
        assertEquals(id, rec.path("invoiceId").asText());

        JsonNode got = read("getInvoice", id);
        assertEquals(s.docHash(), got.path("docHash").asText());
        assertEquals(s.metaHash(), got.path("metaHash").asText());
        assertEquals("ISSUED", got.path("status").asText());
        assertEquals(issuer, got.path("issuer").asText());
        assertEquals("2041-12-31", got.path("retainUntil").asText());
        assertEquals(ENT, got.path("anchoredBy").path("mspId").asText());
        assertFalse(got.path("anchoredTxId").asText().isEmpty());

        // identical content again: the existing record, nothing new written
        JsonNode again = json.readTree(enterprise.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(s, "NORMAL", null)));
        assertEquals(got.path("anchoredTxId").asText(), again.path("anchoredTxId").asText());
        assertEquals(1, read("getInvoiceHistory", id).size());

        // same id, other content: conflict
        Seal other = TestInvoices.seal(sealer, id, s.issueTime().minusSeconds(60), s.retainUntil());
        assertEquals("CONFLICT", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(other, "NORMAL", null)).code());
    }

    @Test
    void anchorsABatchOf500() throws Exception {
        List<String> anchors = new ArrayList<>();
        List<String> idsInBatch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = newId();
            idsInBatch.add(id);
            anchors.add(TestInvoices.anchor(seal(id), "NORMAL", null));
        }
        String batch = "[" + String.join(",", anchors) + "]";
        long t0 = System.nanoTime();
        JsonNode result = json.readTree(enterprise.contract().submitTransaction("anchorBatch", batch));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("anchorBatch: 500 invoices committed in %.2f s (%.0f invoices/s, one transaction)%n",
                seconds, 500 / seconds);
        assertEquals(500, result.path("anchored").asInt());
        for (String id : List.of(idsInBatch.get(0), idsInBatch.get(250), idsInBatch.get(499))) {
            assertEquals("ISSUED", read("getInvoice", id).path("status").asText());
        }
        // each invoice is its own key with its own history
        assertEquals(1, read("getInvoiceHistory", idsInBatch.get(123)).size());
    }

    @Test
    void batchOver500IsRefusedAndABadItemIsNamed() throws Exception {
        List<String> anchors = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            anchors.add(TestInvoices.anchor(seal(newId()), "NORMAL", null));
        }
        assertEquals("INVALID_ARGUMENT", refused(enterprise.contract(), "anchorBatch", "[" + String.join(",", anchors) + "]").code());

        List<String> three = new ArrayList<>(anchors.subList(0, 3));
        Seal good = seal(newId());
        String forged = TestInvoices.anchor(new Seal(good.invoiceId(), good.docHash(), flip(good.metaHash()),
                good.issueTime(), good.retainUntil(), good.keyId(), good.signature(), good.encodingVersion()), "NORMAL", null);
        three.set(1, forged);
        ChaincodeError err = refused(enterprise.contract(), "anchorBatch", "[" + String.join(",", three) + "]");
        assertEquals("INVALID_SIGNATURE", err.code());
        assertEquals(1, err.item());
        // all or nothing: the valid first item was not written
        String firstId = json.readTree(three.get(0)).path("invoiceId").asText();
        GatewayException e = assertThrows(GatewayException.class, () -> auditor.contract().evaluateTransaction("getInvoice", firstId));
        assertEquals("NOT_FOUND", ChaincodeError.of(e).code());
    }

    private static String flip(String hex) {
        char c = hex.charAt(0);
        return (c == '0' ? '1' : '0') + hex.substring(1);
    }

    @Test
    void forgedSignaturesAndUnknownOrRevokedKeysAreRefused() throws Exception {
        // signed by a key nobody registered
        Sealer stranger = new Sealer(Sm2KeyPair.generate().privateKey());
        String id = newId();
        Seal bySomeoneElse = TestInvoices.seal(stranger, id, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS), LocalDate.of(2040, 1, 1));
        assertEquals("INVALID_SIGNATURE", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(bySomeoneElse, "NORMAL", null)).code());

        // a registered key whose signature does not match the content
        Seal s = seal(newId());
        Seal tampered = new Seal(s.invoiceId(), flip(s.docHash()), s.metaHash(), s.issueTime(), s.retainUntil(), s.keyId(), s.signature(), 1);
        assertEquals("INVALID_SIGNATURE", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(tampered, "NORMAL", null)).code());

        // a key revoked before the invoice's issue time
        Sm2KeyPair k2 = Sm2KeyPair.generate();
        register(issuer, k2, "2000-01-01T00:00:00Z");
        Instant revokedAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        operator.contract().submitTransaction("revokeSigner", k2.keyId(), revokedAt.toString(), "key compromised");
        Seal late = TestInvoices.seal(new Sealer(k2.privateKey()), newId(), revokedAt.plusSeconds(60), LocalDate.of(2040, 1, 1));
        assertEquals("INVALID_SIGNATURE", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(late, "NORMAL", null)).code());
        // ...but what it signed before the revocation still anchors: the registry as it stood at issue time
        Seal early = TestInvoices.seal(new Sealer(k2.privateKey()), newId(), revokedAt.minusSeconds(3600), LocalDate.of(2040, 1, 1));
        enterprise.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(early, "NORMAL", null));
        assertFalse(read("getSigner", k2.keyId()).path("revokedAt").isNull());

        // an enterprise key may only seal its own invoices
        String otherIssuer = ids.creditCode();
        Seal foreign = TestInvoices.seal(sealer, otherIssuer + ids.number(), Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS), LocalDate.of(2040, 1, 1));
        assertEquals("INVALID_SIGNATURE", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(foreign, "NORMAL", null)).code());
    }

    @Test
    void accessIsByOrganisationAndRole() throws Exception {
        Seal s = seal(newId());
        // auditors cannot anchor, enterprises cannot touch the registry or legal holds
        assertEquals("FORBIDDEN", refused(auditor.contract(), "anchorInvoice", TestInvoices.anchor(s, "NORMAL", null)).code());
        String req = json.createObjectNode().put("ownerCode", issuer).put("kind", "ENTERPRISE")
                .put("publicKey", Sm2KeyPair.generate().publicKey().toPem()).put("validFrom", "2020-01-01T00:00:00Z").toString();
        assertEquals("FORBIDDEN", refused(enterprise.contract(), "registerSigner", req).code());
        assertEquals("FORBIDDEN", refused(auditor.contract(), "registerSigner", req).code());

        enterprise.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(s, "NORMAL", null));
        assertEquals("FORBIDDEN", refused(enterprise.contract(), "transition", s.invoiceId(), "LEGAL_HOLD_ON", "audit", "").code());
        assertEquals("FORBIDDEN", refused(auditor.contract(), "transition", s.invoiceId(), "DELIVER", "sent", "").code());
        // everyone in the consortium can read
        assertEquals("ISSUED", json.readTree(enterprise.contract().evaluateTransaction("getInvoice", s.invoiceId())).path("status").asText());
    }

    @Test
    void everyTransitionRuleHoldsAndHistoryShowsEachTransaction() throws Exception {
        Contract ent = enterprise.contract();
        Contract tax = auditor.contract();
        Seal s = seal(newId());
        String id = s.invoiceId();
        ent.submitTransaction("anchorInvoice", TestInvoices.anchor(s, "NORMAL", null));

        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "ACCEPT", "too early", "").code());
        assertEquals("INVALID_ARGUMENT", refused(ent, "transition", id, "DELIVER", " ", "").code()); // reason required
        ent.submitTransaction("transition", id, "DELIVER", "sent to buyer", "");
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "DELIVER", "again", "").code());
        ent.submitTransaction("transition", id, "ACCEPT", "buyer confirmed", "");

        // red-letter reversal needs an anchored red-letter invoice of the same issuer that reverses this one
        assertEquals("INVALID_ARGUMENT", refused(ent, "transition", id, "RED_REVERSE", "returned goods", "").code());
        Seal unrelatedRed = seal(newId());
        ent.submitTransaction("anchorInvoice", TestInvoices.anchor(unrelatedRed, "RED_LETTER", issuer + ids.number()));
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "RED_REVERSE", "returned goods", unrelatedRed.invoiceId()).code());
        Seal red = seal(newId());
        ent.submitTransaction("anchorInvoice", TestInvoices.anchor(red, "RED_LETTER", id));

        // legal hold: tax authority only; blocks disposal
        tax.submitTransaction("transition", id, "LEGAL_HOLD_ON", "audit 2026-17", "");
        PeersInStep.await(enterprise, auditor);
        assertEquals("ILLEGAL_TRANSITION", refused(tax, "transition", id, "LEGAL_HOLD_ON", "twice", "").code());
        ent.submitTransaction("transition", id, "RED_REVERSE", "returned goods", red.invoiceId());
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "DISPOSE", "retention over", "").code());
        tax.submitTransaction("transition", id, "LEGAL_HOLD_OFF", "audit closed", "");
        PeersInStep.await(enterprise, auditor);
        // retain-until (2041) has not passed
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "DISPOSE", "retention over", "").code());

        JsonNode now = read("getInvoice", id);
        assertEquals("RED_REVERSED", now.path("status").asText());
        assertFalse(now.path("legalHold").asBoolean());

        JsonNode history = read("getInvoiceHistory", id);
        List<String> actions = new ArrayList<>();
        Set<String> txIds = new HashSet<>();
        for (JsonNode h : history) {
            txIds.add(h.path("txId").asText());
            JsonNode change = h.path("value").path("lastChange");
            actions.add(change.isMissingNode() || change.isNull() ? "ANCHOR" : change.path("action").asText());
        }
        assertEquals(6, history.size(), history.toString());
        assertEquals(6, txIds.size(), "each transaction has its own tx id");
        assertTrue(actions.containsAll(List.of("DELIVER", "ACCEPT", "LEGAL_HOLD_ON", "RED_REVERSE", "LEGAL_HOLD_OFF")), actions.toString());
    }

    @Test
    void disposalOnlyAfterRetainUntil() throws Exception {
        Contract ent = enterprise.contract();
        String id = newId();
        Seal old = TestInvoices.seal(sealer, id, Instant.parse("2005-03-01T02:00:00Z"), LocalDate.of(2020, 3, 1));
        ent.submitTransaction("anchorInvoice", TestInvoices.anchor(old, "NORMAL", null));
        auditor.contract().submitTransaction("transition", id, "LEGAL_HOLD_ON", "litigation", "");
        PeersInStep.await(enterprise, auditor);
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "DISPOSE", "retention over", "").code());
        auditor.contract().submitTransaction("transition", id, "LEGAL_HOLD_OFF", "litigation ended", "");
        PeersInStep.await(enterprise, auditor);
        ent.submitTransaction("transition", id, "DISPOSE", "retention over", "");
        assertEquals("DISPOSED", read("getInvoice", id).path("status").asText());
        assertEquals("ILLEGAL_TRANSITION", refused(ent, "transition", id, "DELIVER", "too late", "").code());
    }

    @Test
    void anchoringEmitsAnEventNamingTheInvoice() throws Exception {
        Seal s = seal(newId());
        SubmittedTransaction tx = enterprise.contract().newProposal("anchorInvoice")
                .addArguments(TestInvoices.anchor(s, "NORMAL", null)).build().endorse().submitAsync();
        Status status = tx.getStatus();
        assertTrue(status.isSuccessful());
        try (CloseableIterator<ChaincodeEvent> events = auditor.network()
                .newChaincodeEventsRequest("fapiao").startBlock(status.getBlockNumber()).build().getEvents()) {
            while (events.hasNext()) {
                ChaincodeEvent e = events.next();
                if (e.getTransactionId().equals(tx.getTransactionId())) {
                    assertEquals("InvoicesAnchored", e.getEventName());
                    JsonNode payload = json.readTree(new String(e.getPayload(), StandardCharsets.UTF_8));
                    assertEquals(s.invoiceId(), payload.path("items").get(0).path("invoiceId").asText());
                    assertEquals(s.docHash(), payload.path("items").get(0).path("docHash").asText());
                    assertEquals(status.getBlockNumber(), e.getBlockNumber());
                    return;
                }
            }
        }
        fail("no event for transaction " + tx.getTransactionId());
    }

    @Test
    void queriesInvoicesByIssuerAndDateWithPagination() throws Exception {
        String code = ids.creditCode();
        Sm2KeyPair k = Sm2KeyPair.generate();
        register(code, k, "2000-01-01T00:00:00Z");
        Sealer sl = new Sealer(k.privateKey());
        List<String> anchors = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            Instant t = Instant.parse("2026-03-0" + day + "T04:00:00Z");
            anchors.add(TestInvoices.anchor(TestInvoices.seal(sl, code + ids.number(), t, LocalDate.of(2041, 3, 1)), "NORMAL", null));
        }
        enterprise.contract().submitTransaction("anchorBatch", "[" + String.join(",", anchors) + "]");

        JsonNode page1 = read("queryInvoicesByIssuer", code, "2026-03-02", "2026-03-04", "2", "");
        assertEquals(2, page1.path("items").size());
        JsonNode page2 = read("queryInvoicesByIssuer", code, "2026-03-02", "2026-03-04", "2", page1.path("bookmark").asText());
        assertEquals(1, page2.path("items").size());
        Set<String> seen = new HashSet<>();
        page1.path("items").forEach(i -> seen.add(i.path("invoiceId").asText()));
        page2.path("items").forEach(i -> seen.add(i.path("invoiceId").asText()));
        assertEquals(3, seen.size());
    }

    @Test
    void signerHistoryKeepsRotation() throws Exception {
        String code = ids.creditCode();
        Sm2KeyPair first = Sm2KeyPair.generate();
        register(code, first, "2020-01-01T00:00:00Z");
        Sm2KeyPair second = Sm2KeyPair.generate();
        String rotate = json.createObjectNode().put("keyId", first.keyId())
                .put("publicKey", second.publicKey().toPem()).put("effectiveAt", "2026-01-01T00:00:00Z").toString();
        operator.contract().submitTransaction("rotateSigner", rotate);

        JsonNode old = read("getSigner", first.keyId());
        assertEquals(second.keyId(), old.path("replacedBy").asText());
        assertTrue(old.path("validTo").asText().startsWith("2026-01-01T00:00"), old.toString());
        assertEquals(2, read("getSignerHistory", first.keyId()).size());
        assertEquals(2, read("getSignersByOwner", code).size());

        // the old key still anchors what it signed while valid, and no longer after
        Sealer oldSealer = new Sealer(first.privateKey());
        Seal before = TestInvoices.seal(oldSealer, code + ids.number(), Instant.parse("2025-06-01T00:00:00Z"), LocalDate.of(2040, 6, 1));
        enterprise.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(before, "NORMAL", null));
        Seal after = TestInvoices.seal(oldSealer, code + ids.number(), Instant.parse("2026-06-01T00:00:00Z"), LocalDate.of(2041, 6, 1));
        assertEquals("INVALID_SIGNATURE", refused(enterprise.contract(), "anchorInvoice", TestInvoices.anchor(after, "NORMAL", null)).code());
    }
}
