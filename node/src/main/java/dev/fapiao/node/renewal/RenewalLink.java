package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What renewal {@code sequence} of node {@code nodeId} commits to besides the renewed leaves: its
 * hash {@code algorithm}, the node's SM3 log at {@code logTreeSize} leaves (root
 * {@code logRootHash}, an anchored checkpoint or a prefix of one), and the previous renewal (null
 * for sequence 1). Leaf 0 of the renewal tree is {@link #encode()}, so the tree's root binds the
 * previous evidence as RFC 4998 §5.2 binds the previous ArchiveTimeStampSequence.
 *
 * <pre>
 * Renewal link, version 1 (leaf 0):
 * magic        "FAPIAO-RENEWAL-LINK"   19 bytes ASCII
 * version      0x01
 * nodeId       u16 length + UTF-8
 * sequence     i64 big-endian
 * algorithm    u16 length + ASCII
 * logTreeSize  i64
 * logRootHash  u16 length + raw bytes (SM3, 32)
 * previous     0x00 | 0x01 || u16 + ASCII algorithm || i64 treeSize || u16 + raw rootHash
 * </pre>
 */
public record RenewalLink(String nodeId, long sequence, String algorithm, long logTreeSize, String logRootHash,
        RenewalPrevious previous) {

    public static final byte[] MAGIC = "FAPIAO-RENEWAL-LINK".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    public RenewalLink {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(logRootHash, "logRootHash");
    }

    /** The leaf 0 input of the renewal tree. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter().raw(MAGIC).u8(VERSION).utf8(nodeId, "nodeId").i64(sequence)
                .ascii(algorithm, "algorithm").i64(logTreeSize).u16Bytes(HEX.parseHex(logRootHash), "logRootHash");
        writePrevious(w, previous);
        return w.toByteArray();
    }

    static void writePrevious(ByteWriter w, RenewalPrevious previous) {
        if (previous == null) {
            w.u8(0);
        } else {
            w.u8(1).ascii(previous.algorithm(), "previous.algorithm").i64(previous.treeSize())
                    .u16Bytes(HEX.parseHex(previous.rootHash()), "previous.rootHash");
        }
    }
}
