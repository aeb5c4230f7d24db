package dev.fapiao.node.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 tree hashing with a JDK {@link MessageDigest} of 32 bytes (SHA-256, SHA3-256). */
final class JdkDigestHasher implements HashStrategy {

    private final String algorithm;
    private final String label;
    private final MessageDigest prototype;

    /** {@code algorithm}: a JDK digest every Java platform has (SHA-256; SHA3-256 since Java 9). */
    JdkDigestHasher(String algorithm, String label) {
        this.algorithm = algorithm;
        this.label = label;
        try {
            prototype = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }

    private MessageDigest digest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance(algorithm);
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
        return algorithm;
    }

    @Override
    public String toString() {
        return label;
    }
}
