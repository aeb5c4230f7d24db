package dev.fapiao.node.merkle;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * RFC 9162 tree hashing with SM3 (GB/T 32905-2016, BouncyCastle {@link SM3Digest}): the hash of
 * the archive's retention log. Same prefixes and structure as {@link Sha256Hasher}.
 */
public final class Sm3Hasher implements HashStrategy {
    public static final Sm3Hasher INSTANCE = new Sm3Hasher();

    private Sm3Hasher() {
    }

    @Override
    public byte[] hashLeaf(byte[] leafData) {
        SM3Digest d = new SM3Digest();
        d.update(LEAF_PREFIX);
        d.update(leafData, 0, leafData.length);
        return finish(d);
    }

    @Override
    public byte[] hashChildren(byte[] left, byte[] right) {
        SM3Digest d = new SM3Digest();
        d.update(NODE_PREFIX);
        d.update(left, 0, left.length);
        d.update(right, 0, right.length);
        return finish(d);
    }

    @Override
    public byte[] emptyRoot() {
        return finish(new SM3Digest());
    }

    private static byte[] finish(SM3Digest d) {
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public int size() {
        return 32;
    }

    @Override
    public String name() {
        return "SM3";
    }

    @Override
    public String toString() {
        return "Sm3Hasher";
    }
}
