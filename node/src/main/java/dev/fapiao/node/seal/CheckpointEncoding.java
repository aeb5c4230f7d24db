package dev.fapiao.node.seal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * "Checkpoint encoding, version 1" of docs/ledger-model.md, signed by a NODE key when the node
 * anchors its archive's Merkle root:
 *
 * <pre>
 * "FAPIAO-CHECKPOINT" | 0x01 | u16 len + UTF-8 nodeId | i64 treeSize | u16 len + rootHash
 * </pre>
 */
public final class CheckpointEncoding {
    public static final int VERSION = 1;
    static final byte[] MAGIC = "FAPIAO-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);

    private CheckpointEncoding() {
    }

    public static byte[] encode(String nodeId, long treeSize, byte[] rootHash) {
        Objects.requireNonNull(rootHash, "rootHash");
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        SealEncoding.writeShortString(out, nodeId, "nodeId");
        out.writeBytes(ByteBuffer.allocate(8).putLong(treeSize).array());
        SealEncoding.writeShortBytes(out, rootHash, "rootHash");
        return out.toByteArray();
    }
}
