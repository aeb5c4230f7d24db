package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.LedgerVersion;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.seal.SealEncoding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An invoice's provenance: every ledger transaction on it (getInvoiceHistory, oldest
 * first) and a verdict recomputed here: the archived document hashes (SM3) to the
 * anchored docHash, every anchored seal signature verifies over the v1 seal encoding with
 * the key the registry holds (getSigner), and that key was valid when it signed (ENTERPRISE
 * keys at the issue time, NODE keys at the anchoring transaction's time).
 */
final class ProvenanceReader {

    private final InvoiceStore invoices;
    private final DocumentStore documents;
    private final Ledger ledger;

    ProvenanceReader(InvoiceStore invoices, DocumentStore documents, Ledger ledger) {
        this.invoices = invoices;
        this.documents = documents;
        this.ledger = ledger;
    }

    ObjectNode of(String id) throws ChaincodeRefusedException, LedgerUnavailableException {
        Optional<ArchivedInvoice> local = invoices.get(id);
        JsonNode record = ledger.invoice(id).map(InvoiceRecord::json).orElse(null);
        if (record == null && local.isEmpty()) {
            throw new UnknownInvoiceException(id, "invoice " + id + " is neither archived here nor anchored");
        }
        ObjectNode out = object().put("invoiceId", id).put("anchored", record != null);
        ArrayNode txs = out.putArray("transactions");
        if (record != null) {
            List<LedgerVersion<InvoiceRecord>> entries = ledger.invoiceHistory(id);
            for (int i = entries.size() - 1; i >= 0; i--) { // the peer returns newest first
                txs.add(transaction(entries.get(i)));
            }
            out.set("ledgerRecord", record);
        }
        out.set("verdict", verdict(id, local, record));
        return out;
    }

    private static ObjectNode transaction(LedgerVersion<InvoiceRecord> e) {
        JsonNode v = e.value().json();
        JsonNode change = v.path("lastChange");
        boolean anchor = change.isMissingNode() || change.isNull();
        ObjectNode t = object().put("txId", e.txId()).put("timestamp", e.timestamp());
        t.put("action", e.deleted() ? "DELETE" : anchor ? "ANCHOR" : change.path("action").asText());
        ObjectNode creator = t.putObject("creator");
        if (anchor) {
            creator.put("mspId", v.path("anchoredBy").path("mspId").asText(null))
                    .put("subject", v.path("anchoredBy").path("subject").asText(null));
        } else {
            creator.put("mspId", change.path("mspId").asText(null)).put("subject", change.path("subject").asText(null));
            t.put("reason", change.path("reason").asText(null)).put("ref", change.path("ref").asText(null));
        }
        t.put("status", v.path("status").asText(null)).put("legalHold", v.path("legalHold").asBoolean());
        return t;
    }

    private ObjectNode verdict(String id, Optional<ArchivedInvoice> local, JsonNode record)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        ObjectNode v = object();
        boolean ok = record != null;
        v.put("anchored", record != null);
        v.put("documentHeld", local.isPresent() && !local.get().disposed());
        // what the node found in the document on arrival: its claim, reported, not part of "verified"
        v.set("documentCheck", local.flatMap(ArchivedInvoice::documentCheckJson).map(ProvenanceReader::tree).orElse(null));
        if (record == null) {
            v.put("verified", false).put("reason", "not anchored on the ledger yet");
            return v;
        }
        String docHash = record.path("docHash").asText();
        Boolean docMatches = null;
        if (local.isPresent()) {
            Optional<byte[]> doc = local.get().disposed() ? Optional.empty() : documents.document(local.get().docHash());
            if (doc.isPresent()) {
                docMatches = Sm3.hashHex(doc.get()).equals(docHash);
            }
            v.put("metaHashMatches", local.get().metaHash().equals(record.path("metaHash").asText()));
            ok &= local.get().metaHash().equals(record.path("metaHash").asText());
        }
        if (docMatches == null) {
            v.putNull("documentMatchesAnchor");
        } else {
            v.put("documentMatchesAnchor", docMatches);
            ok &= docMatches;
        }
        Instant issueTime = Instant.parse(record.path("issueTime").asText());
        LocalDate retainUntil = LocalDate.parse(record.path("retainUntil").asText());
        Instant anchoredAt = record.hasNonNull("anchoredAt") ? Instant.parse(record.get("anchoredAt").asText()) : null;
        byte[] signed = SealEncoding.encode(id, HexFormat.of().parseHex(docHash),
                HexFormat.of().parseHex(record.path("metaHash").asText()), issueTime, retainUntil);
        ArrayNode sigs = v.putArray("signatures");
        for (JsonNode s : record.path("signatures")) {
            String keyId = s.path("keyId").asText();
            ObjectNode r = sigs.addObject().put("keyId", keyId);
            JsonNode signer = ledger.signer(keyId).map(SignerRecord::json).orElse(null);
            if (signer == null) {
                r.put("registered", false).put("signatureValid", false).put("keyValidAtSigningTime", false);
                ok = false;
                continue;
            }
            String kind = signer.path("kind").asText();
            Sm2PublicKey key = Sm2PublicKey.fromPem(signer.path("publicKey").asText());
            boolean keyMatches = key.keyId().equals(keyId);
            String userId = signer.hasNonNull("userId") ? signer.get("userId").asText() : Sm2.DEFAULT_USER_ID;
            boolean valid;
            try {
                valid = keyMatches && Sm2Verifier.of(key).withUserId(userId)
                        .verify(signed, Base64.getDecoder().decode(s.path("signature").asText()));
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            Instant t = kind.equals("NODE") ? anchoredAt : issueTime;
            boolean inWindow = t != null && !t.isBefore(Instant.parse(signer.path("validFrom").asText()))
                    && (!signer.hasNonNull("validTo") || t.isBefore(Instant.parse(signer.get("validTo").asText())))
                    && (!signer.hasNonNull("revokedAt") || t.isBefore(Instant.parse(signer.get("revokedAt").asText())));
            r.put("kind", kind).put("ownerCode", signer.path("ownerCode").asText(null)).put("registered", true)
                    .put("signatureValid", valid).put("signingTime", t == null ? null : t.toString())
                    .put("keyValidAtSigningTime", inWindow)
                    .put("revokedAt", signer.path("revokedAt").asText(null));
            ok &= valid && inWindow;
        }
        ok &= !sigs.isEmpty();
        v.put("verified", ok);
        return v;
    }

    private static JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable documentCheck in the archive record: " + e.getMessage(), e);
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
