package dev.fapiao.chaincode.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The bytes an invoice seal signs (seal encoding, version 1). */
public final class SealEncoding {

    public static final byte[] MAGIC = "FAPIAO-SEAL".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private SealEncoding() {
    }

    /**
     * @param invoiceId the invoice id (UTF-8, at most 65535 bytes)
     * @param docHash raw SM3 of the document, 32 bytes
     * @param metaHash raw SM3 of the canonical metadata, 32 bytes
     * @param issueTimeMillis milliseconds since the epoch
     * @param retainUntilEpochDay days since 1970-01-01
     */
    public static byte[] encode(String invoiceId, byte[] docHash, byte[] metaHash, long issueTimeMillis,
            int retainUntilEpochDay) {
        requireLength("docHash", docHash, 32);
        requireLength("metaHash", metaHash, 32);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            Encodings.writeU16Bytes(out, invoiceId.getBytes(StandardCharsets.UTF_8), "invoiceId");
            out.write(docHash);
            out.write(metaHash);
            out.writeLong(issueTimeMillis);
            out.writeInt(retainUntilEpochDay);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void requireLength(String name, byte[] value, int length) {
        if (value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes");
        }
    }
}
