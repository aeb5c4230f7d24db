package dev.fapiao.node.renewal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Leaf {@code leafIndex + 1} of a renewal tree: one archived invoice renewed under the renewal's
 * algorithm A. As RFC 4998 §5.2 binds each data object and its previous ArchiveTimeStampSequence,
 * the leaf binds the document under A and the invoice's previous evidence: its leaf hash in the SM3
 * log ({@link #LOG}) or in the previous renewal's tree ({@link #RENEWAL}). Hashes are lowercase hex;
 * {@code documentHash} is null when the invoice was disposed and the archive no longer holds its
 * document (the "disposed" marker); {@code retainUntil} is {@code yyyy-MM-dd}.
 *
 * <pre>
 * Renewed leaf, version 1:
 * magic             "FAPIAO-RENEWED-LEAF"   19 bytes ASCII
 * version           0x01
 * invoiceId         u16 length + UTF-8
 * leafIndex         i64 big-endian: the invoice's index in the SM3 log
 * document          0x01 || u16 length + A(document bytes)
 *                 | 0x00                       disposed: no document
 * metadataHash      u16 length + A(RFC 8785 canonical metadata JSON, UTF-8)
 * retainUntil       i32, days since 1970-01-01
 * previousKind      0x01 LOG (SM3 log leaf) | 0x02 RENEWAL (previous renewal's leaf)
 * previousLeafHash  u16 length + raw bytes (SM3 leaf hash, or the previous renewal's leaf hash)
 * </pre>
 */
public record RenewedLeaf(String invoiceId, long leafIndex, String documentHash, String metadataHash,
        String retainUntil, String previousKind, String previousLeafHash) {

    public static final byte[] MAGIC = "FAPIAO-RENEWED-LEAF".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final String LOG = "LOG";
    public static final String RENEWAL = "RENEWAL";
    private static final HexFormat HEX = HexFormat.of();

    /** The leaf input; throws {@link IllegalArgumentException} for malformed fields. */
    public byte[] encode() {
        Objects.requireNonNull(invoiceId, "invoiceId");
        byte[] id = invoiceId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0) {
            throw new IllegalArgumentException("invoiceId is empty");
        }
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leafIndex is negative");
        }
        ByteWriter w = new ByteWriter().raw(MAGIC).u8(VERSION).u16Bytes(id, "invoiceId").i64(leafIndex);
        if (documentHash == null) {
            w.u8(0);
        } else {
            w.u8(1).u16Bytes(HEX.parseHex(documentHash), "documentHash");
        }
        long days = LocalDate.parse(Objects.requireNonNull(retainUntil, "retainUntil")).toEpochDay();
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("retainUntil out of range");
        }
        w.u16Bytes(HEX.parseHex(Objects.requireNonNull(metadataHash, "metadataHash")), "metadataHash")
                .i32((int) days).u8(kindCode(previousKind))
                .u16Bytes(HEX.parseHex(Objects.requireNonNull(previousLeafHash, "previousLeafHash")),
                        "previousLeafHash");
        return w.toByteArray();
    }

    /** The leaf hash under {@code algorithm}: {@code A(0x00 || encode())}. */
    public byte[] leafHash(RenewalAlgorithm algorithm) {
        return algorithm.hasher().hashLeaf(encode());
    }

    /** True for the disposed marker. */
    public boolean disposed() {
        return documentHash == null;
    }

    private static int kindCode(String kind) {
        if (LOG.equals(kind)) {
            return 1;
        }
        if (RENEWAL.equals(kind)) {
            return 2;
        }
        throw new IllegalArgumentException("previousKind must be " + LOG + " or " + RENEWAL + ", got " + kind);
    }

    /** Reads an encoding written by {@link #encode()}. */
    public static RenewedLeaf decode(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC) || b.get() != VERSION) {
                throw new IllegalArgumentException("not a renewed leaf v1");
            }
            String id = new String(u16Bytes(b), StandardCharsets.UTF_8);
            long index = b.getLong();
            int present = b.get();
            String doc = present == 1 ? HEX.formatHex(u16Bytes(b)) : null;
            if (present != 0 && present != 1) {
                throw new IllegalArgumentException("bad document flag " + present);
            }
            String meta = HEX.formatHex(u16Bytes(b));
            String retain = LocalDate.ofEpochDay(b.getInt()).toString();
            int kind = b.get();
            String prev = HEX.formatHex(u16Bytes(b));
            if (b.hasRemaining() || (kind != 1 && kind != 2)) {
                throw new IllegalArgumentException("malformed renewed leaf");
            }
            return new RenewedLeaf(id, index, doc, meta, retain, kind == 1 ? LOG : RENEWAL, prev);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated renewed leaf", e);
        }
    }

    private static byte[] u16Bytes(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
