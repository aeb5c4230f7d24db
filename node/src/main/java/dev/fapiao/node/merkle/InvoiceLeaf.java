package dev.fapiao.node.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The leaf data for an archived invoice in the retention log, version 1 (docs/merkle-log.md,
 * "Leaf encoding"). The log stores {@code hashLeaf(encode(...))}:
 *
 * <pre>
 * magic        "FAPIAO-LEAF"      11 bytes ASCII
 * version      0x01                1 byte
 * invoiceId    u16 length + UTF-8 bytes
 * docHash      32 bytes (raw SM3 of the original document)
 * metaHash     32 bytes (raw SM3 of the RFC 8785 canonical JSON of the metadata)
 * retainUntil  i32 big-endian, days since 1970-01-01
 * </pre>
 *
 * {@code u16} is unsigned big-endian. The fields are those of the seal encoding
 * (docs/ledger-model.md) minus the issue time.
 */
public final class InvoiceLeaf {
    public static final byte[] MAGIC = "FAPIAO-LEAF".getBytes(StandardCharsets.US_ASCII);
    public static final byte VERSION = 0x01;
    public static final int HASH_SIZE = 32;

    private InvoiceLeaf() {
    }

    public static byte[] encode(String invoiceId, byte[] docHash, byte[] metaHash, LocalDate retainUntil) {
        Objects.requireNonNull(retainUntil, "retainUntil");
        long days = retainUntil.toEpochDay();
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("retainUntil out of range: " + retainUntil);
        }
        return encode(invoiceId, docHash, metaHash, (int) days);
    }

    public static byte[] encode(String invoiceId, byte[] docHash, byte[] metaHash, int retainUntilEpochDay) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(docHash, "docHash");
        Objects.requireNonNull(metaHash, "metaHash");
        byte[] id = invoiceId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > 0xFFFF) {
            throw new IllegalArgumentException("invoiceId must be 1..65535 UTF-8 bytes, got " + id.length);
        }
        if (docHash.length != HASH_SIZE || metaHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("docHash and metaHash must be " + HASH_SIZE + " bytes, got "
                    + docHash.length + " and " + metaHash.length);
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 1 + 2 + id.length + 2 * HASH_SIZE + 4);
        b.put(MAGIC).put(VERSION).putShort((short) id.length).put(id).put(docHash).put(metaHash)
                .putInt(retainUntilEpochDay);
        return b.array();
    }
}
