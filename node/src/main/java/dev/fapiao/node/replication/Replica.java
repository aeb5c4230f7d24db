package dev.fapiao.node.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * One archived invoice as a node serves it to another: its record (with the seals) and its
 * original document, as the JSON body of {@code GET /n2n/v1/invoices/{id}}. Nothing in it is
 * trusted by the receiver: {@link CopyCheck} checks it against the ledger first.
 */
public record Replica(ArchivedInvoice invoice, byte[] document) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is not a replica. */
    public static final class MalformedReplicaException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedReplicaException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public byte[] toJson() {
        ArchivedInvoice i = invoice;
        ObjectNode n = JSON.createObjectNode();
        n.put("invoiceId", i.invoiceId()).put("issuer", i.issuer()).put("number", i.number())
                .put("issueTime", i.issueTime().toString()).put("docHash", i.docHash())
                .put("metaHash", i.metaHash()).put("retainUntil", i.retainUntil().toString())
                .put("contentType", i.contentType()).put("documentSize", i.documentSize())
                .put("metadataJson", i.metadataJson()).put("status", i.status().name())
                .put("legalHold", i.legalHold())
                .put("receivedAt", i.receivedAt() == null ? null : i.receivedAt().toString());
        seal(n, "seal", i.seal());
        seal(n, "enterpriseSignature", i.enterpriseSignature());
        n.put("document", Base64.getEncoder().encodeToString(document));
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void seal(ObjectNode n, String name, SealRef s) {
        if (s == null) {
            n.putNull(name);
        } else {
            n.putObject(name).put("keyId", s.keyId()).put("signature", s.signature())
                    .put("encodingVersion", s.encodingVersion());
        }
    }

    public static Replica parse(byte[] body) throws MalformedReplicaException {
        try {
            JsonNode n = JSON.readTree(body);
            Instant issueTime = Instant.parse(text(n, "issueTime"));
            ArchivedInvoice inv = new ArchivedInvoice(text(n, "invoiceId"), text(n, "issuer"), text(n, "number"),
                    issueTime, LocalDate.ofInstant(issueTime, dev.fapiao.node.seal.SealEncoding.CST),
                    text(n, "docHash"), text(n, "metaHash"), LocalDate.parse(text(n, "retainUntil")),
                    text(n, "contentType"), n.path("documentSize").asLong(-1), text(n, "metadataJson"),
                    seal(n.path("seal")), seal(n.path("enterpriseSignature")),
                    InvoiceStatus.valueOf(text(n, "status")), n.path("legalHold").asBoolean(),
                    n.hasNonNull("receivedAt") ? Instant.parse(n.get("receivedAt").asText()) : null, null, null);
            if (inv.seal() == null) {
                throw new IllegalArgumentException("no seal");
            }
            return new Replica(inv, Base64.getDecoder().decode(text(n, "document")));
        } catch (IOException | RuntimeException e) {
            throw new MalformedReplicaException("not a replica: " + e.getMessage(), e);
        }
    }

    private static SealRef seal(JsonNode s) {
        return s.isObject() ? new SealRef(text(s, "keyId"), text(s, "signature"), s.path("encodingVersion").asInt())
                : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return v.asText();
    }
}
