package dev.fapiao.node.archive;

import org.bouncycastle.util.encoders.Hex;

/**
 * A document together with its SM3 hash, computed exactly once, here. The archive is
 * content-addressed by that hash and trusts it on write because only {@link #of} makes
 * one (reads still re-verify every stored document). Hashing a 20 KB original is the
 * biggest CPU cost of sealing; doing it twice halved throughput.
 */
public final class HashedDocument {

    private final byte[] bytes;
    private final byte[] sm3;

    private HashedDocument(byte[] bytes, byte[] sm3) {
        this.bytes = bytes;
        this.sm3 = sm3;
    }

    /** Hashes {@code bytes} (SM3). The array is not copied: do not modify it afterwards. */
    public static HashedDocument of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("invoice and document are required");
        }
        return new HashedDocument(bytes, Codec.sm3(bytes));
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The raw 32-byte SM3 hash (a copy). */
    public byte[] sm3() {
        return sm3.clone();
    }

    /** Lowercase hex of the SM3 hash: the document's key in the archive and its docHash. */
    public String sm3Hex() {
        return Hex.toHexString(sm3);
    }

    public int length() {
        return bytes.length;
    }
}
