package dev.fapiao.node.archive;

import dev.fapiao.node.model.CorruptedRecordException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * The encodings every store shares, format version 1 (docs/archive.md): record framing, keys
 * and JSON helpers. Each store's own records are in its codec ({@link InvoiceCodec},
 * {@link DocumentCodec}, {@link AnchorCodec}, {@link AuditCodec}). Stateless.
 *
 * <p>Record value: {@code 0x01 | crc32c(key || payload) u32 BE | payload}; payload is
 * UTF-8 JSON for records or raw bytes for counters.
 */
final class Codec {

    static final byte RECORD_V1 = 1;
    static final int RECORD_HEADER = 5;

    static final ObjectMapper JSON = new ObjectMapper();

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

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }

    static String opt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
