package dev.fapiao.node.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 hash (GB/T 32905-2016), 32-byte digests. Stateless and thread-safe. */
public final class Sm3 {
    public static final int DIGEST_LENGTH = 32;

    private Sm3() {
    }

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        SM3Digest d = new SM3Digest();
        d.update(data, offset, length);
        byte[] out = new byte[DIGEST_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** Hashes the stream to its end; does not close it. */
    public static byte[] hash(InputStream in) throws IOException {
        SM3Digest d = new SM3Digest();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) != -1; ) {
            d.update(buf, 0, n);
        }
        byte[] out = new byte[DIGEST_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** Lowercase hex SM3, the form used for hashes on the ledger. */
    public static String hashHex(byte[] data) {
        return HexFormat.of().formatHex(hash(data));
    }
}
