package dev.fapiao.chaincode.crypto;

import java.io.DataOutputStream;
import java.io.IOException;

/** Shared pieces of the signed encodings. */
final class Encodings {

    private Encodings() {
    }

    /** {@code u16} big-endian length, then the bytes. */
    static void writeU16Bytes(DataOutputStream out, byte[] value, String name) throws IOException {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException(name + " is longer than 65535 bytes");
        }
        out.writeShort(value.length);
        out.write(value);
    }
}
