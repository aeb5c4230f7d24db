package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.ledger.Json;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignerRegistryTest {

    final Fixture f = new Fixture();
    final Harness h = f.h;

    @Test
    void registersWithRecordIndexesAndEvent() {
        Sm2TestKey k = Sm2TestKey.fromSeed("fresh");
        int events = h.stub.events.size();
        JsonNode r = f.register(k, Fixture.ISSUER, "ENTERPRISE", null, "2026-02-01T00:00:00.000Z", null);
        assertEquals(k.keyId(), r.get("keyId").asText());
        assertEquals("2026-02-01T00:00:00Z", r.get("validFrom").asText(), "instants are stored canonically");
        assertEquals("1234567812345678", r.get("userId").asText());
        assertTrue(r.get("validTo").isNull());
        assertTrue(r.get("certificate").isNull());
        assertTrue(r.get("nodeId").isNull());
        assertEquals("REGISTERED", r.get("lastChange").get("action").asText());
        assertEquals("CN=Admin@es.fapiao.dev,OU=admin,O=es.fapiao.dev,C=CN", r.get("lastChange").get("subject").asText());
        assertEquals(events + 1, h.stub.events.size());
        FakeStub.Event e = h.stub.events.get(events);
        assertEquals("SignerChanged", e.name());
        assertEquals("{\"change\":\"REGISTERED\",\"keyId\":\"" + k.keyId() + "\",\"ownerCode\":\"" + Fixture.ISSUER
                + "\",\"txId\":\"" + h.lastTxId + "\"}", e.text());
        JsonNode owned = h.json(Harness.AUDITOR, ctx -> h.contract.getSignersByOwner(ctx, Fixture.ISSUER));
        assertEquals(3, owned.size(), "issuer key, node key and the fresh key");
    }

    @Test
    void identicalRegistrationIsIdempotentDifferentIsConflict() {
        int events = h.stub.events.size();
        JsonNode again = f.register(f.issuerKey, Fixture.ISSUER, "ENTERPRISE", null, "2026-01-01T00:00:00Z", null);
        assertEquals(events, h.stub.events.size(), "no event, nothing written");
        assertEquals("tx0001", again.get("lastChange").get("txId").asText());
        String msg = h.refusal(Harness.OPERATOR, ctx -> h.contract.registerSigner(ctx, Fixture.registration(
                f.issuerKey, Fixture.ISSUER, "ENTERPRISE", null, "2026-03-01T00:00:00Z", null).toString()));
        assertTrue(msg.startsWith("CONFLICT: "), msg);
    }

    @Test
    void registersFromAnSm2Certificate() throws Exception {
        KeyPair kp = TestCerts.ecKeyPair("sm2p256v1");
        X509Certificate cert = TestCerts.selfSigned("CN=Seal,O=Issuer,C=CN", kp.getPublic(), kp.getPrivate(),
                "SM3withSM2");
        ObjectNode req = Json.MAPPER.createObjectNode().put("ownerCode", Fixture.ISSUER).put("kind", "ENTERPRISE")
                .put("certificate", TestCerts.pem(cert)).put("validFrom", "2026-01-01T00:00:00Z");
        JsonNode r = h.json(Harness.OPERATOR, ctx -> h.contract.registerSigner(ctx, req.toString()));
        assertTrue(r.get("certificate").asText().startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(r.get("publicKey").asText().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(dev.fapiao.chaincode.crypto.Sm3.hex(kp.getPublic().getEncoded()), r.get("keyId").asText());
    }

    @Test
    void refusesNonSm2CertificateAndBadInput() {
        KeyPair kp = TestCerts.ecKeyPair("secp256r1");
        X509Certificate cert = TestCerts.selfSigned("CN=P256", kp.getPublic(), kp.getPrivate(), "SHA256withECDSA");
        ObjectNode req = Json.MAPPER.createObjectNode().put("ownerCode", Fixture.ISSUER).put("kind", "ENTERPRISE")
                .put("certificate", TestCerts.pem(cert)).put("validFrom", "2026-01-01T00:00:00Z");
        assertRefused("INVALID_ARGUMENT: certificate: not an SM2 key", req.toString());
        assertRefused("INVALID_ARGUMENT: registration: malformed JSON", "{not json");
        assertRefused("INVALID_ARGUMENT: ownerCode: not a valid credit code", "{\"kind\":\"ENTERPRISE\"}");
        ObjectNode ok = Fixture.registration(Sm2TestKey.fromSeed("x"), Fixture.ISSUER, "ENTERPRISE", null,
                "2026-01-01T00:00:00Z", null);
        assertRefused("INVALID_ARGUMENT: publicKey: malformed PEM", ok.deepCopy()
                .put("publicKey", "-----BEGIN PUBLIC KEY-----\n@@@\n-----END PUBLIC KEY-----\n").toString());
        assertRefused("INVALID_ARGUMENT: publicKey: no PEM block", ok.deepCopy().put("publicKey", "garbage").toString());
        assertRefused("INVALID_ARGUMENT: publicKey: one of publicKey or certificate", ok.deepCopy().putNull("publicKey")
                .toString());
        assertRefused("INVALID_ARGUMENT: kind: must be one of", ok.deepCopy().put("kind", "ROOT").toString());
        assertRefused("INVALID_ARGUMENT: nodeId: is required", ok.deepCopy().put("kind", "NODE").toString());
        assertRefused("INVALID_ARGUMENT: nodeId: is only for NODE keys", ok.deepCopy().put("nodeId", "n").toString());
        assertRefused("INVALID_ARGUMENT: validFrom: is not an ISO-8601", ok.deepCopy().put("validFrom", "yesterday")
                .toString());
        assertRefused("INVALID_ARGUMENT: validTo: must be after validFrom", ok.deepCopy()
                .put("validTo", "2025-01-01T00:00:00Z").toString());
        assertRefused("INVALID_ARGUMENT: registration.colour: unknown field", ok.deepCopy().put("colour", "red")
                .toString());
        assertRefused("INVALID_ARGUMENT: registration: must be a JSON object", "null");
    }

    private void assertRefused(String prefix, String json) {
        String msg = h.refusal(Harness.OPERATOR, ctx -> h.contract.registerSigner(ctx, json));
        assertTrue(msg.startsWith(prefix), msg);
    }

    @Test
    void onlyOperatorsOfEnterpriseServicesChangeTheRegistry() {
        String reg = Fixture.registration(Sm2TestKey.fromSeed("y"), Fixture.ISSUER, "ENTERPRISE", null,
                "2026-01-01T00:00:00Z", null).toString();
        for (Harness.Who who : new Harness.Who[] {Harness.ENTERPRISE, Harness.AUDITOR, Harness.TAX_ADMIN,
                Harness.STRANGER}) {
            assertTrue(h.refusal(who, ctx -> h.contract.registerSigner(ctx, reg)).startsWith("FORBIDDEN: "));
            assertTrue(h.refusal(who, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                    "2026-06-01T00:00:00Z", "lost")).startsWith("FORBIDDEN: "));
            String rotation = ConsortiumAccessTest.rotation(f.issuerKey, Sm2TestKey.fromSeed("z")).toString();
            assertTrue(h.refusal(who, ctx -> h.contract.rotateSigner(ctx, rotation)).startsWith("FORBIDDEN: "));
        }
        // a non-admin is refused before its arguments are read
        assertTrue(h.refusal(Harness.ENTERPRISE, ctx -> h.contract.rotateSigner(ctx, "{}")).startsWith("FORBIDDEN: "));
        // reads are open to any member
        assertEquals(f.issuerKey.keyId(), h.json(Harness.AUDITOR, ctx -> h.contract.getSigner(ctx,
                f.issuerKey.keyId())).get("keyId").asText());
    }

    @Test
    void rotationClosesOldKeyAndOpensNewOne() {
        Sm2TestKey next = Sm2TestKey.fromSeed("issuer-key-2");
        ObjectNode req = Json.MAPPER.createObjectNode().put("keyId", f.issuerKey.keyId()).put("publicKey", next.pem())
                .put("effectiveAt", "2026-11-01T00:00:00Z");
        JsonNode created = h.json(Harness.OPERATOR, ctx -> h.contract.rotateSigner(ctx, req.toString()));
        assertEquals(next.keyId(), created.get("keyId").asText());
        assertEquals(Fixture.ISSUER, created.get("ownerCode").asText());
        assertEquals("ENTERPRISE", created.get("kind").asText());
        assertEquals("2026-11-01T00:00:00Z", created.get("validFrom").asText());
        JsonNode old = h.json(Harness.AUDITOR, ctx -> h.contract.getSigner(ctx, f.issuerKey.keyId()));
        assertEquals("2026-11-01T00:00:00Z", old.get("validTo").asText());
        assertEquals(next.keyId(), old.get("replacedBy").asText());
        FakeStub.Event e = h.stub.events.get(h.stub.events.size() - 1);
        assertTrue(e.text().contains("\"change\":\"ROTATED\"") && e.text().contains(f.issuerKey.keyId()));
        // idempotent repeat, then a different rotation is a conflict
        int events = h.stub.events.size();
        h.call(Harness.OPERATOR, ctx -> h.contract.rotateSigner(ctx, req.toString()));
        assertEquals(events, h.stub.events.size());
        ObjectNode other = req.deepCopy().put("publicKey", Sm2TestKey.fromSeed("z").pem());
        assertTrue(h.refusal(Harness.OPERATOR, ctx -> h.contract.rotateSigner(ctx, other.toString()))
                .startsWith("CONFLICT: "));
        // the old key no longer seals invoices issued after the rotation, the new one does
        String late = f.refuseAnchor(Harness.ENTERPRISE,
                Fixture.anchor(Fixture.invoiceId(9), "2026-11-02T00:00:00Z", f.issuerKey));
        assertTrue(late.startsWith("INVALID_SIGNATURE: signatures[0]: key " + f.issuerKey.keyId()
                + " was valid only until"), late);
        f.anchorInvoice(Harness.ENTERPRISE, Fixture.anchor(Fixture.invoiceId(9), "2026-11-02T00:00:00Z", next));
        JsonNode history = h.json(Harness.AUDITOR, ctx -> h.contract.getSignerHistory(ctx, f.issuerKey.keyId()));
        assertEquals(2, history.size());
        assertFalse(history.get(0).get("deleted").asBoolean());
        assertEquals(next.keyId(), history.get(0).get("value").get("replacedBy").asText(), "newest first");
    }

    @Test
    void revocationRules() {
        h.now = Instant.parse("2026-12-01T00:00:00Z");
        String future = h.refusal(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                "2026-12-02T00:00:00Z", "compromised"));
        assertTrue(future.startsWith("INVALID_ARGUMENT: revokedAt: must not be after"), future);
        assertTrue(h.refusal(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                "2026-11-01T00:00:00Z", " ")).startsWith("INVALID_ARGUMENT: reason"));
        assertTrue(h.refusal(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, Fixture.hash("none"),
                "2026-11-01T00:00:00Z", "x")).startsWith("NOT_FOUND: "));
        JsonNode r = h.json(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                "2026-11-15T00:00:00Z", "compromised"));
        assertEquals("2026-11-15T00:00:00Z", r.get("revokedAt").asText());
        assertEquals("compromised", r.get("revocationReason").asText());
        assertTrue(h.refusal(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                "2026-11-20T00:00:00Z", "later")).startsWith("CONFLICT: "));
        JsonNode earlier = h.json(Harness.OPERATOR, ctx -> h.contract.revokeSigner(ctx, f.issuerKey.keyId(),
                "2026-11-10T00:00:00Z", "found earlier"));
        assertEquals("2026-11-10T00:00:00Z", earlier.get("revokedAt").asText());
    }
}
