package dev.fapiao.chaincode.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a node signs for a long-term renewal of its evidence (renewal encoding, version 1;
 * docs/ledger-model.md and docs/renewal.md). RFC 4998 §5.2 hash-tree renewal: the renewal's tree
 * (hash {@code algorithm}) commits to the node's SM3 log at {@code logTreeSize} leaves and, from
 * the second renewal on, to the previous renewal's tree.
 *
 * <pre>
 * magic        "FAPIAO-RENEWAL"   14 bytes ASCII
 * version      0x01
 * nodeId       u16 length + UTF-8
 * sequence     i64 big-endian (1, 2, ...)
 * algorithm    u16 length + ASCII ("SHA-256" or "SHA3-256")
 * treeSize     i64
 * rootHash     u16 length + raw bytes
 * logTreeSize  i64
 * logRootHash  u16 length + raw bytes (SM3)
 * previous     0x00                                      (sequence 1)
 *            | 0x01 || u16 + ASCII algorithm || i64 treeSize || u16 + raw rootHash   (renewal sequence - 1)
 * </pre>
 */
public final class RenewalEncoding {

    public static final byte[] MAGIC = "FAPIAO-RENEWAL".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private RenewalEncoding() {
    }

    /** {@code previousAlgorithm} null means no previous renewal (the first one). */
    public static byte[] encode(String nodeId, long sequence, String algorithm, long treeSize, byte[] rootHash,
            long logTreeSize, byte[] logRootHash, String previousAlgorithm, long previousTreeSize,
            byte[] previousRootHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            Encodings.writeU16Bytes(out, nodeId.getBytes(StandardCharsets.UTF_8), "nodeId");
            out.writeLong(sequence);
            Encodings.writeU16Bytes(out, algorithm.getBytes(StandardCharsets.US_ASCII), "algorithm");
            out.writeLong(treeSize);
            Encodings.writeU16Bytes(out, rootHash, "rootHash");
            out.writeLong(logTreeSize);
            Encodings.writeU16Bytes(out, logRootHash, "logRootHash");
            if (previousAlgorithm == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                Encodings.writeU16Bytes(out, previousAlgorithm.getBytes(StandardCharsets.US_ASCII),
                        "previous.algorithm");
                out.writeLong(previousTreeSize);
                Encodings.writeU16Bytes(out, previousRootHash, "previous.rootHash");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
