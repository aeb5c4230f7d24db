package dev.fapiao.node.renewal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Big-endian writer for the renewal encodings: {@code u16} lengths, {@code i64}, {@code i32}. */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    ByteWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    ByteWriter u8(int v) {
        out.write(v);
        return this;
    }

    ByteWriter i32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        return this;
    }

    ByteWriter i64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
        return this;
    }

    /** {@code u16} length (unsigned big-endian), then the bytes. */
    ByteWriter u16Bytes(byte[] b, String name) {
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException(name + " is longer than 65535 bytes");
        }
        out.write(b.length >>> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
        return this;
    }

    ByteWriter utf8(String s, String name) {
        return u16Bytes(s.getBytes(StandardCharsets.UTF_8), name);
    }

    ByteWriter ascii(String s, String name) {
        return u16Bytes(s.getBytes(StandardCharsets.US_ASCII), name);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
