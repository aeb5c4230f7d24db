package dev.fapiao.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoice record as the chaincode stores it (docs/ledger-model.md, "State"). Absent members
 * are null ({@code legalHold} false); {@code lastChange} is null until the first transition.
 * {@code json} is the record exactly as the ledger returned it, for callers that pass it on.
 */
public record InvoiceRecord(String invoiceId, String docHash, String metaHash, String issueTime,
        String retainUntil, String status, boolean legalHold, String anchoredTxId, String anchoredAt,
        Actor anchoredBy, List<SealSignature> signatures, Change lastChange, JsonNode json) {

    /** Who made a change: the creator's MSP and certificate subject. */
    public record Actor(String mspId, String subject) {
    }

    /** One anchored seal signature (base64 DER SM2) and the key that made it. */
    public record SealSignature(String keyId, String signature) {
    }

    /** The last transition: action, reason, reference and who made it. */
    public record Change(String action, String reason, String ref, String mspId, String subject) {
    }

    static InvoiceRecord from(JsonNode v) {
        List<SealSignature> sigs = new ArrayList<>();
        for (JsonNode s : v.path("signatures")) {
            sigs.add(new SealSignature(text(s, "keyId"), text(s, "signature")));
        }
        JsonNode by = v.path("anchoredBy");
        JsonNode c = v.path("lastChange");
        Change change = c.isObject() ? new Change(text(c, "action"), text(c, "reason"), text(c, "ref"),
                text(c, "mspId"), text(c, "subject")) : null;
        return new InvoiceRecord(text(v, "invoiceId"), text(v, "docHash"), text(v, "metaHash"),
                text(v, "issueTime"), text(v, "retainUntil"), text(v, "status"), v.path("legalHold").asBoolean(),
                text(v, "anchoredTxId"), text(v, "anchoredAt"),
                new Actor(text(by, "mspId"), text(by, "subject")), List.copyOf(sigs), change, v);
    }

    static String text(JsonNode n, String field) {
        JsonNode f = n.path(field);
        return f.isMissingNode() || f.isNull() ? null : f.asText();
    }
}
