package dev.fapiao.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.chaincode.crypto.Sm3;
import dev.fapiao.chaincode.ledger.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Common setup: an issuer with an ENTERPRISE key, a node with a NODE key, anchors signed by them. */
class Fixture {

    static final String ISSUER = CreditCodes.EXAMPLE;
    static final String OTHER_ISSUER = CreditCodes.nth(7);
    static final String NODE = "node-1";
    static final String ISSUE_TIME = "2026-11-20T02:30:00Z";

    final Harness h = new Harness();
    final Sm2TestKey issuerKey = Sm2TestKey.fromSeed("issuer-key");
    final Sm2TestKey nodeKey = Sm2TestKey.fromSeed("node-key");
    final Sm2TestKey otherKey = Sm2TestKey.fromSeed("other-issuer-key");

    Fixture() {
        register(issuerKey, ISSUER, "ENTERPRISE", null, "2026-01-01T00:00:00Z", null);
        register(nodeKey, ISSUER, "NODE", NODE, "2026-01-01T00:00:00Z", null);
        register(otherKey, OTHER_ISSUER, "ENTERPRISE", null, "2026-01-01T00:00:00Z", null);
    }

    JsonNode register(Sm2TestKey key, String owner, String kind, String nodeId, String validFrom, String validTo) {
        return h.json(Harness.OPERATOR, ctx -> h.contract.registerSigner(ctx,
                registration(key, owner, kind, nodeId, validFrom, validTo).toString()));
    }

    static ObjectNode registration(Sm2TestKey key, String owner, String kind, String nodeId, String validFrom,
            String validTo) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("ownerCode", owner).put("kind", kind).put("publicKey", key.pem()).put("validFrom", validFrom);
        if (nodeId != null) {
            r.put("nodeId", nodeId);
        }
        if (validTo != null) {
            r.put("validTo", validTo);
        }
        return r;
    }

    static String hash(String seed) {
        return Sm3.hex(seed.getBytes(StandardCharsets.UTF_8));
    }

    static String invoiceId(long n) {
        return CreditCodes.invoiceId(ISSUER, n);
    }

    /** An anchor of invoice n, issued at {@code issueTime}, signed by {@code keys}. */
    static ObjectNode anchor(String invoiceId, String issueTime, Sm2TestKey... keys) {
        String doc = hash("doc-" + invoiceId);
        String meta = hash("meta-" + invoiceId);
        String retain = LocalDate.ofInstant(Instant.parse(issueTime), ZoneOffset.ofHours(8)).plusYears(15).toString();
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("invoiceId", invoiceId).put("docHash", doc).put("metaHash", meta).put("issueTime", issueTime);
        ArrayNode sigs = a.putArray("signatures");
        for (Sm2TestKey k : keys) {
            sigs.addObject().put("keyId", k.keyId()).put("signature",
                    k.sealSignature(invoiceId, doc, meta, issueTime, retain));
        }
        return a;
    }

    /** Re-signs an anchor after its fields were changed (signatures of the given keys). */
    static ObjectNode resign(ObjectNode a, Sm2TestKey... keys) {
        String retain = a.hasNonNull("retainUntil") ? a.get("retainUntil").asText()
                : LocalDate.ofInstant(Instant.parse(a.get("issueTime").asText()), ZoneOffset.ofHours(8))
                        .plusYears(15).toString();
        ArrayNode sigs = a.putArray("signatures");
        for (Sm2TestKey k : keys) {
            sigs.addObject().put("keyId", k.keyId()).put("signature", k.sealSignature(a.get("invoiceId").asText(),
                    a.get("docHash").asText(), a.get("metaHash").asText(), a.get("issueTime").asText(), retain));
        }
        return a;
    }

    JsonNode anchorInvoice(Harness.Who who, ObjectNode anchor) {
        return h.json(who, ctx -> h.contract.anchorInvoice(ctx, anchor.toString()));
    }

    String refuseAnchor(Harness.Who who, ObjectNode anchor) {
        return h.refusal(who, ctx -> h.contract.anchorInvoice(ctx, anchor.toString()));
    }
}
