package dev.fapiao.node.archive;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SealRef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import dev.fapiao.node.crypto.Sm4Gcm;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * Key and value encodings, format version 1 (docs/archive.md). Stateless.
 *
 * <p>Record value: {@code 0x01 | crc32c(key || payload) u32 BE | payload}; payload is
 * UTF-8 JSON for records or raw bytes for counters. Document value:
 * {@code 0x01 | length u64 BE | bytes}, checked against the key (SM3 of the bytes).
 */
final class Codec {

    static final byte RECORD_V1 = 1;
    static final byte DOCUMENT_V1 = 1;
    /** SM4-GCM at rest: 0x02 || nonce (12) || ciphertext || tag (16), AAD = the key (docHash). */
    static final byte DOCUMENT_V2_SM4GCM = 2;
    static final int RECORD_HEADER = 5;
    static final int DOCUMENT_HEADER = 9;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private Codec() {}

    // ------------------------------------------------------------ framing

    static byte[] frame(byte[] key, byte[] payload) {
        byte[] out = new byte[RECORD_HEADER + payload.length];
        out[0] = RECORD_V1;
        int crc = crc(key, payload, 0, payload.length);
        ByteBuffer.wrap(out, 1, 4).putInt(crc);
        System.arraycopy(payload, 0, out, RECORD_HEADER, payload.length);
        return out;
    }

    /** The payload of a framed value, verified; throws CorruptedRecordException. */
    static byte[] unframe(String cf, byte[] key, byte[] value) {
        if (value.length < RECORD_HEADER) {
            throw corrupt(cf, key, "value too short (" + value.length + " bytes)");
        }
        if (value[0] != RECORD_V1) {
            throw corrupt(cf, key, "unknown format version " + (value[0] & 0xff));
        }
        int stored = ByteBuffer.wrap(value, 1, 4).getInt();
        int actual = crc(key, value, RECORD_HEADER, value.length - RECORD_HEADER);
        if (stored != actual) {
            throw corrupt(cf, key, "checksum mismatch");
        }
        return Arrays.copyOfRange(value, RECORD_HEADER, value.length);
    }

    private static int crc(byte[] key, byte[] payload, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(key, 0, key.length);
        c.update(payload, off, len);
        return (int) c.getValue();
    }

    static byte[] documentValue(byte[] key, byte[] document, Sm4Gcm cipher) {
        if (cipher != null) {
            byte[] sealed = cipher.encrypt(document, key);
            byte[] out = new byte[1 + sealed.length];
            out[0] = DOCUMENT_V2_SM4GCM;
            System.arraycopy(sealed, 0, out, 1, sealed.length);
            return out;
        }
        byte[] out = new byte[DOCUMENT_HEADER + document.length];
        out[0] = DOCUMENT_V1;
        ByteBuffer.wrap(out, 1, 8).putLong(document.length);
        System.arraycopy(document, 0, out, DOCUMENT_HEADER, document.length);
        return out;
    }

    static byte[] documentBytes(byte[] key, byte[] value, Sm4Gcm cipher) {
        if (value.length < 1) {
            throw corrupt(Cf.DOCUMENTS, key, "empty value");
        }
        byte[] doc;
        if (value[0] == DOCUMENT_V2_SM4GCM) {
            if (cipher == null) {
                throw new ArchiveException("document " + printableKey(key)
                        + " is encrypted at rest (SM4-GCM) and this archive was opened without its key");
            }
            try {
                doc = cipher.decrypt(Arrays.copyOfRange(value, 1, value.length), key);
            } catch (javax.crypto.AEADBadTagException e) {
                throw corrupt(Cf.DOCUMENTS, key, "SM4-GCM authentication failed (wrong key or altered bytes)");
            }
        } else if (value[0] == DOCUMENT_V1) {
            if (value.length < DOCUMENT_HEADER) {
                throw corrupt(Cf.DOCUMENTS, key, "value too short (" + value.length + " bytes)");
            }
            long len = ByteBuffer.wrap(value, 1, 8).getLong();
            if (len != value.length - DOCUMENT_HEADER) {
                throw corrupt(Cf.DOCUMENTS, key, "length " + len + " does not match stored " + (value.length - DOCUMENT_HEADER));
            }
            doc = Arrays.copyOfRange(value, DOCUMENT_HEADER, value.length);
        } else {
            throw corrupt(Cf.DOCUMENTS, key, "unknown format version " + (value[0] & 0xff));
        }
        if (!Arrays.equals(sm3(doc), key)) {
            throw corrupt(Cf.DOCUMENTS, key, "document bytes do not hash to the key (SM3)");
        }
        return doc;
    }

    static byte[] sm3(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static CorruptedRecordException corrupt(String cf, byte[] key, String problem) {
        return new CorruptedRecordException(cf, printableKey(key), problem);
    }

    static String printableKey(byte[] key) {
        for (byte b : key) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + Hex.toHexString(key);
            }
        }
        return new String(key, StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------ keys

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long u64(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    static byte[] docKey(String docHashHex) {
        return Hex.decode(docHashHex);
    }

    /** {@code len u8 | issuer | yyyyMMdd}: the prefix of one issuer-day. */
    static byte[] issuerDatePrefix(String issuer, LocalDate date) {
        byte[] is = utf8(issuer);
        byte[] d = date == null ? new byte[0] : date.format(BASIC_DATE).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + is.length + d.length];
        out[0] = (byte) is.length;
        System.arraycopy(is, 0, out, 1, is.length);
        System.arraycopy(d, 0, out, 1 + is.length, d.length);
        return out;
    }

    static byte[] issuerDateKey(String issuer, LocalDate date, String invoiceId) {
        return concat(issuerDatePrefix(issuer, date), utf8(invoiceId));
    }

    /** The invoice id at the end of an issuer-date key. */
    static String idOfIssuerDateKey(byte[] key) {
        int issuerLen = key[0] & 0xff;
        int off = 1 + issuerLen + 8;
        return new String(key, off, key.length - off, StandardCharsets.UTF_8);
    }

    static byte[] statusKey(InvoiceStatus status, String invoiceId) {
        return concat(new byte[] {(byte) status.code()}, utf8(invoiceId));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------ JSON records

    static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode record", e);
        }
    }

    static JsonNode parse(String cf, byte[] key, byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (n == null || !n.isObject()) {
                throw corrupt(cf, key, "payload is not a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw corrupt(cf, key, "payload is not valid JSON");
        }
    }

    static byte[] encodeInvoice(ArchivedInvoice i) {
        ObjectNode n = JSON.createObjectNode();
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
        return json(n);
    }

    static ArchivedInvoice decodeInvoice(byte[] key, byte[] payload) {
        JsonNode n = parse(Cf.INVOICES, key, payload);
        try {
            return new ArchivedInvoice(
                    req(n, "invoiceId"), req(n, "issuer"), req(n, "number"),
                    Instant.parse(req(n, "issueTime")), LocalDate.parse(req(n, "issueDate")),
                    req(n, "docHash"), req(n, "metaHash"), LocalDate.parse(req(n, "retainUntil")),
                    opt(n, "contentType"), n.path("documentSize").asLong(), opt(n, "metadataJson"),
                    seal(n.get("seal")), seal(n.get("enterpriseSignature")),
                    InvoiceStatus.valueOf(req(n, "status")), n.path("legalHold").asBoolean(),
                    instant(opt(n, "receivedAt")), instant(opt(n, "updatedAt")), instant(opt(n, "disposedAt")));
        } catch (RuntimeException e) {
            if (e instanceof CorruptedRecordException c) {
                throw c;
            }
            throw corrupt(Cf.INVOICES, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    private static ObjectNode sealNode(SealRef s) {
        if (s == null) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
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

    static byte[] encodeAnchor(AnchorState a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("phase", a.phase().name());
        n.put("txId", a.txId());
        n.put("blockNumber", a.blockNumber());
        n.put("commitTime", str(a.commitTime()));
        n.put("attempts", a.attempts());
        n.put("lastError", a.lastError());
        n.put("updatedAt", str(a.updatedAt()));
        return json(n);
    }

    static AnchorState decodeAnchor(byte[] key, byte[] payload) {
        JsonNode n = parse(Cf.ANCHORS, key, payload);
        try {
            return new AnchorState(AnchorState.Phase.valueOf(req(n, "phase")), opt(n, "txId"),
                    n.path("blockNumber").asLong(-1), instant(opt(n, "commitTime")), n.path("attempts").asInt(),
                    opt(n, "lastError"), instant(opt(n, "updatedAt")));
        } catch (RuntimeException e) {
            throw corrupt(Cf.ANCHORS, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    static byte[] encodeOutbox(OutboxEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("invoiceId", e.invoiceId());
        n.put("kind", e.kind().name());
        n.put("payload", e.payload());
        return json(n);
    }

    static OutboxEntry decodeOutbox(byte[] key, byte[] payload) {
        JsonNode n = parse(Cf.OUTBOX, key, payload);
        try {
            return new OutboxEntry(u64(key), req(n, "invoiceId"), OutboxEntry.Kind.valueOf(req(n, "kind")),
                    opt(n, "payload"));
        } catch (RuntimeException e) {
            throw corrupt(Cf.OUTBOX, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    static byte[] encodeAudit(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("target", e.target());
        n.put("detail", e.detail());
        return json(n);
    }

    static AuditEntry decodeAudit(byte[] key, byte[] payload) {
        JsonNode n = parse(Cf.AUDIT, key, payload);
        try {
            return new AuditEntry(u64(key), Instant.parse(req(n, "time")), opt(n, "actor"), opt(n, "action"),
                    opt(n, "target"), opt(n, "detail"));
        } catch (RuntimeException e) {
            throw corrupt(Cf.AUDIT, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }

    private static String opt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
