package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.instant;
import static dev.fapiao.node.archive.Codec.opt;
import static dev.fapiao.node.archive.Codec.req;
import static dev.fapiao.node.archive.Codec.str;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Invoice records ({@code invoices}: id UTF-8 → framed JSON) and their index keys
 * ({@code by_issuer_date}, {@code by_status}; docs/archive.md). Stateless.
 */
final class InvoiceCodec {

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private InvoiceCodec() {}

    /** {@code len u8 | issuer | yyyyMMdd}: the prefix of one issuer-day. */
    static byte[] issuerDatePrefix(String issuer, LocalDate date) {
        byte[] is = Codec.utf8(issuer);
        byte[] d = date == null ? new byte[0] : date.format(BASIC_DATE).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + is.length + d.length];
        out[0] = (byte) is.length;
        System.arraycopy(is, 0, out, 1, is.length);
        System.arraycopy(d, 0, out, 1 + is.length, d.length);
        return out;
    }

    static byte[] issuerDateKey(String issuer, LocalDate date, String invoiceId) {
        return Codec.concat(issuerDatePrefix(issuer, date), Codec.utf8(invoiceId));
    }

    /** The invoice id at the end of an issuer-date key. */
    static String idOfIssuerDateKey(byte[] key) {
        int issuerLen = key[0] & 0xff;
        int off = 1 + issuerLen + 8;
        return new String(key, off, key.length - off, StandardCharsets.UTF_8);
    }

    static byte[] statusKey(InvoiceStatus status, String invoiceId) {
        return Codec.concat(new byte[] {(byte) status.code()}, Codec.utf8(invoiceId));
    }

    static byte[] encodeInvoice(ArchivedInvoice i) {
        ObjectNode n = Codec.JSON.createObjectNode();
        n.put("invoiceId", i.invoiceId());
        n.put("issuer", i.issuer());
        n.put("number", i.number());
        n.put("issueTime", i.issueTime().toString());
        n.put("issueDate", i.issueDate().toString());
        n.put("docHash", i.docHash());
        n.put("metaHash", i.metaHash());
        n.put("retainUntil", i.retainUntil().toString());
        n.put("contentType", i.contentType());
        n.put("documentSize", i.documentSize());
        n.put("metadataJson", i.metadataJson());
        n.set("seal", sealNode(i.seal()));
        n.set("enterpriseSignature", sealNode(i.enterpriseSignature()));
        n.put("status", i.status().name());
        n.put("legalHold", i.legalHold());
        n.put("receivedAt", str(i.receivedAt()));
        n.put("updatedAt", str(i.updatedAt()));
        n.put("disposedAt", str(i.disposedAt()));
        // written only when present: a record without them reads as before, and older nodes' records still read
        if (i.documentCheck() != null) {
            n.put("documentCheck", i.documentCheck());
        }
        if (!i.flags().isEmpty()) {
            i.flags().forEach(n.putArray("flags")::add);
        }
        return Codec.json(n);
    }

    static ArchivedInvoice decodeInvoice(byte[] key, byte[] payload) {
        JsonNode n = Codec.parse(Cf.INVOICES, key, payload);
        try {
            return new ArchivedInvoice(
                    req(n, "invoiceId"), req(n, "issuer"), req(n, "number"),
                    Instant.parse(req(n, "issueTime")), LocalDate.parse(req(n, "issueDate")),
                    req(n, "docHash"), req(n, "metaHash"), LocalDate.parse(req(n, "retainUntil")),
                    opt(n, "contentType"), n.path("documentSize").asLong(), opt(n, "metadataJson"),
                    seal(n.get("seal")), seal(n.get("enterpriseSignature")),
                    InvoiceStatus.valueOf(req(n, "status")), n.path("legalHold").asBoolean(),
                    instant(opt(n, "receivedAt")), instant(opt(n, "updatedAt")), instant(opt(n, "disposedAt")),
                    opt(n, "documentCheck"), flags(n.get("flags")));
        } catch (RuntimeException e) {
            if (e instanceof CorruptedRecordException c) {
                throw c;
            }
            throw Codec.corrupt(Cf.INVOICES, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    /** Decodes a stored (framed) invoice value, verified; null stays null. */
    static ArchivedInvoice decodeStored(byte[] key, byte[] value) {
        return value == null ? null : decodeInvoice(key, Codec.unframe(Cf.INVOICES, key, value));
    }

    private static List<String> flags(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(f -> out.add(f.asText()));
        }
        return out;
    }

    private static ObjectNode sealNode(SealRef s) {
        if (s == null) {
            return null;
        }
        ObjectNode n = Codec.JSON.createObjectNode();
        n.put("keyId", s.keyId());
        n.put("signature", s.signature());
        n.put("encodingVersion", s.encodingVersion());
        return n;
    }

    private static SealRef seal(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return new SealRef(req(n, "keyId"), req(n, "signature"), n.path("encodingVersion").asInt());
    }
}
