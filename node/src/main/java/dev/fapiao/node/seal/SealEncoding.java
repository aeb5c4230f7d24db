package dev.fapiao.node.seal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * "Seal encoding, version 1" of docs/ledger-model.md: the exact bytes every invoice signature
 * covers. The chaincode rebuilds them from the anchor's fields, so they must match byte for byte.
 *
 * <pre>
 * "FAPIAO-SEAL" | 0x01 | u16 len + UTF-8 invoiceId | docHash[32] | metaHash[32]
 *   | i64 issueTime (epoch ms) | i32 retainUntil (epoch day)
 * </pre>
 */
public final class SealEncoding {
    public static final int VERSION = 1;
    static final byte[] MAGIC = "FAPIAO-SEAL".getBytes(StandardCharsets.US_ASCII);
    /** Dates on the ledger are China Standard Time (UTC+8, no DST). */
    public static final ZoneOffset CST = ZoneOffset.ofHours(8);
    /** Default retention: 15 years from the CST issue date. */
    public static final int DEFAULT_RETENTION_YEARS = 15;

    private SealEncoding() {
    }

    public static byte[] encode(String invoiceId, byte[] docHash, byte[] metaHash, Instant issueTime,
            LocalDate retainUntil) {
        Objects.requireNonNull(issueTime, "issueTime");
        Objects.requireNonNull(retainUntil, "retainUntil");
        requireHash(docHash, "docHash");
        requireHash(metaHash, "metaHash");
        // Only milliseconds are encoded; refusing finer instants keeps the signed value and the
        // ISO string sent to the ledger from silently disagreeing.
        if (issueTime.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("issueTime has sub-millisecond precision: " + issueTime);
        }
        long epochDay = retainUntil.toEpochDay();
        if (epochDay != (int) epochDay) {
            throw new IllegalArgumentException("retainUntil out of range: " + retainUntil);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        writeShortString(out, invoiceId, "invoiceId");
        out.writeBytes(docHash);
        out.writeBytes(metaHash);
        out.writeBytes(ByteBuffer.allocate(12).putLong(issueTime.toEpochMilli()).putInt((int) epochDay).array());
        return out.toByteArray();
    }

    /** The ledger's default retain-until: the CST calendar date of {@code issueTime} plus 15 years. */
    public static LocalDate defaultRetainUntil(Instant issueTime) {
        return issueTime.atOffset(CST).toLocalDate().plusYears(DEFAULT_RETENTION_YEARS);
    }

    static void requireHash(byte[] hash, String name) {
        Objects.requireNonNull(hash, name);
        if (hash.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes (SM3), got " + hash.length);
        }
    }

    /** u16 big-endian unsigned length followed by the UTF-8 bytes. */
    static void writeShortString(ByteArrayOutputStream out, String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        writeShortBytes(out, s.getBytes(StandardCharsets.UTF_8), name);
    }

    static void writeShortBytes(ByteArrayOutputStream out, byte[] b, String name) {
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException(name + " longer than 65535 bytes");
        }
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }
}
