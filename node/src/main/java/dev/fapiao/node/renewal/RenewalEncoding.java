package dev.fapiao.node.renewal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * "Renewal encoding, version 1" of docs/ledger-model.md: what the node's NODE key signs and the
 * chaincode's {@code anchorRenewal} reconstructs (chaincode {@code crypto/RenewalEncoding}; shared
 * vector {@code chaincode/src/test/resources/vectors/renewal-v1.json}).
 *
 * <pre>
 * magic        "FAPIAO-RENEWAL"   14 bytes ASCII
 * version      0x01
 * nodeId       u16 length + UTF-8
 * sequence     i64 big-endian
 * algorithm    u16 length + ASCII
 * treeSize     i64
 * rootHash     u16 length + raw bytes
 * logTreeSize  i64
 * logRootHash  u16 length + raw bytes
 * previous     0x00 | 0x01 || u16 + ASCII algorithm || i64 treeSize || u16 + raw rootHash
 * </pre>
 *
 * The magic is a prefix of the link's ({@code "FAPIAO-RENEWAL-LINK"}), but the next byte tells them
 * apart (0x01 here, {@code '-'} there), and links are hashed as tree leaves, never signed.
 */
public final class RenewalEncoding {
    public static final byte[] MAGIC = "FAPIAO-RENEWAL".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private RenewalEncoding() {
    }

    public static byte[] encode(RenewalLink link, long treeSize, String rootHash) {
        ByteWriter w = new ByteWriter().raw(MAGIC).u8(VERSION).utf8(link.nodeId(), "nodeId").i64(link.sequence())
                .ascii(link.algorithm(), "algorithm").i64(treeSize).u16Bytes(HEX.parseHex(rootHash), "rootHash")
                .i64(link.logTreeSize()).u16Bytes(HEX.parseHex(link.logRootHash()), "logRootHash");
        RenewalLink.writePrevious(w, link.previous());
        return w.toByteArray();
    }
}
