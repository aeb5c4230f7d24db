package dev.fapiao.chaincode.merkle;

import dev.fapiao.chaincode.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1.1 / §2.1.4.1 taken literally (recursive MTH and SUBPROOF) over SM3, for tests:
 * builds roots and consistency proofs of small trees independently of the verifier.
 */
public final class ReferenceTree {
    private final List<byte[]> leaves = new ArrayList<>();

    /** A tree of {@code n} leaves with inputs {@code "leaf-<i>"}. */
    public static ReferenceTree of(int n) {
        ReferenceTree t = new ReferenceTree();
        for (int i = 0; i < n; i++) {
            t.leaves.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return t;
    }

    /** {@link #of} with leaf {@code changed}'s input replaced. */
    public static ReferenceTree forkOf(int n, int changed) {
        ReferenceTree t = of(n);
        t.leaves.set(changed, "forged".getBytes(StandardCharsets.UTF_8));
        return t;
    }

    static byte[] leafHash(byte[] d) {
        byte[] in = new byte[d.length + 1];
        System.arraycopy(d, 0, in, 1, d.length);
        return Sm3.digest(in);
    }

    static byte[] node(byte[] l, byte[] r) {
        byte[] in = new byte[1 + l.length + r.length];
        in[0] = 1;
        System.arraycopy(l, 0, in, 1, l.length);
        System.arraycopy(r, 0, in, 1 + l.length, r.length);
        return Sm3.digest(in);
    }

    static int split(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    /** MTH(D[from:to]). */
    byte[] mth(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Sm3.digest(new byte[0]);
        }
        if (n == 1) {
            return leafHash(leaves.get(from));
        }
        int k = split(n);
        return node(mth(from, from + k), mth(from + k, to));
    }

    public byte[] root(int size) {
        return mth(0, size);
    }

    /** PROOF(m, D[n]). */
    public List<byte[]> consistency(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        if (m < n) {
            subproof(m, 0, n, true, out);
        }
        return out;
    }

    private void subproof(int m, int from, int to, boolean b, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!b) {
                out.add(mth(from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, b, out);
            out.add(mth(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(mth(from, from + k));
        }
    }
}
