package dev.fapiao.chaincode.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905). */
public final class Sm3 {

    private Sm3() {
    }

    public static byte[] digest(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    public static String hex(byte[] data) {
        return Hex.encode(digest(data));
    }
}
