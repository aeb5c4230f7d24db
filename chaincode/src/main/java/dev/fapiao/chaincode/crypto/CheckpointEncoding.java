package dev.fapiao.chaincode.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The bytes a node signs for a log checkpoint (checkpoint encoding, version 1). */
public final class CheckpointEncoding {

    public static final byte[] MAGIC = "FAPIAO-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private CheckpointEncoding() {
    }

    public static byte[] encode(String nodeId, long treeSize, byte[] rootHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            Encodings.writeU16Bytes(out, nodeId.getBytes(StandardCharsets.UTF_8), "nodeId");
            out.writeLong(treeSize);
            Encodings.writeU16Bytes(out, rootHash, "rootHash");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
