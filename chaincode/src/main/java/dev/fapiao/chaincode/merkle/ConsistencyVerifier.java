package dev.fapiao.chaincode.merkle;

import dev.fapiao.chaincode.crypto.Sm3;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Verifies an RFC 9162 consistency proof (§2.1.4.2): that the tree of {@code size1} leaves with
 * root {@code root1} is a prefix of the tree of {@code size2} leaves with root {@code root2}.
 * A compact copy of the node's verifier (docs/merkle-log.md) — the chaincode cannot depend on the
 * node. Edge rules are those of transparency-dev/merkle (the shared RFC 6962 vectors):
 * {@code size1 = 0} always fails, equal sizes need an empty proof and equal root bytes, and
 * otherwise an empty proof fails. Only interior nodes are hashed: {@code H(0x01 ‖ left ‖ right)}.
 */
public final class ConsistencyVerifier {

    /** The archive's log: SM3 (GB/T 32905). */
    public static final ConsistencyVerifier SM3 = new ConsistencyVerifier("SM3", Sm3::digest);

    private final String name;
    private final UnaryOperator<byte[]> digest;

    private ConsistencyVerifier(String name, UnaryOperator<byte[]> digest) {
        this.name = name;
        this.digest = digest;
    }

    /** SHA-256, for the RFC 6962 test vectors. */
    public static ConsistencyVerifier sha256() {
        return new ConsistencyVerifier("SHA-256", data -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String name() {
        return name;
    }

    /** {@code HASH()}: the root of the empty tree. */
    public byte[] emptyRoot() {
        return digest.apply(new byte[0]);
    }

    /** Why a proof was refused; the message is the reason. */
    public static final class InconsistentException extends Exception {
        private static final long serialVersionUID = 1L;

        InconsistentException(String message) {
            super(message);
        }
    }

    private byte[] children(byte[] left, byte[] right) {
        byte[] in = new byte[1 + left.length + right.length];
        in[0] = 0x01;
        System.arraycopy(left, 0, in, 1, left.length);
        System.arraycopy(right, 0, in, 1 + left.length, right.length);
        return digest.apply(in);
    }

    /** Returns normally when consistent; otherwise throws with the reason. */
    public void verify(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws InconsistentException {
        if (size1 < 0 || size2 < 0) {
            throw new InconsistentException("negative tree size");
        }
        if (size2 < size1) {
            throw new InconsistentException("size2 " + size2 + " < size1 " + size1);
        }
        if (size1 == 0) {
            throw new InconsistentException("a consistency proof from the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InconsistentException("sizes are equal but the proof is not empty");
            }
            if (!Arrays.equals(root1, root2)) {
                throw new InconsistentException("sizes are equal but the roots differ");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new InconsistentException("empty proof");
        }
        int next = 0;
        byte[] first;
        if (Long.bitCount(size1) == 1) {
            first = root1; // size1 is a power of two: root1 is the first node of the path
        } else {
            first = proof.get(next++);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = first;
        byte[] sr = first;
        for (; next < proof.size(); next++) {
            byte[] c = proof.get(next);
            if (sn == 0) {
                throw new InconsistentException("proof too long (" + proof.size() + " hashes)");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = children(c, fr);
                sr = children(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = children(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new InconsistentException("proof too short (" + proof.size() + " hashes)");
        }
        if (!Arrays.equals(fr, root1)) {
            throw new InconsistentException("proof does not lead to the old root");
        }
        if (!Arrays.equals(sr, root2)) {
            throw new InconsistentException("proof does not lead to the new root");
        }
    }
}
