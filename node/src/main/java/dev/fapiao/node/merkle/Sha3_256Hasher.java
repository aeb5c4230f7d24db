package dev.fapiao.node.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 tree hashing with SHA3-256 (FIPS 202, the JDK's {@code SHA3-256}): one of the two hash
 * functions a long-term renewal may move the archive's evidence to (docs/renewal.md). Same prefixes
 * and structure as {@link Sha256Hasher}; a different design (Keccak sponge) from both SHA-256 and
 * SM3 (Merkle-Damgård), so a break of one is unlikely to carry over.
 */
public final class Sha3_256Hasher implements HashStrategy {
    public static final Sha3_256Hasher INSTANCE = new Sha3_256Hasher();

    private final MessageDigest prototype;

    private Sha3_256Hasher() {
        try {
            prototype = MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 is required by the Java platform (since Java 9)", e);
        }
    }

    private MessageDigest digest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA3-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    @Override
    public byte[] hashLeaf(byte[] leafData) {
        MessageDigest md = digest();
        md.update(LEAF_PREFIX);
        md.update(leafData);
        return md.digest();
    }

    @Override
    public byte[] hashChildren(byte[] left, byte[] right) {
        MessageDigest md = digest();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    @Override
    public byte[] emptyRoot() {
        return digest().digest();
    }

    @Override
    public int size() {
        return 32;
    }

    @Override
    public String name() {
        return "SHA3-256";
    }

    @Override
    public String toString() {
        return "Sha3_256Hasher";
    }
}
