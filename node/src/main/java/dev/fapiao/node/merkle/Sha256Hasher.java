package dev.fapiao.node.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 tree hashing with SHA-256 (the RFC's own hash; used for the shared RFC 6962 vectors). */
public final class Sha256Hasher implements HashStrategy {
    public static final Sha256Hasher INSTANCE = new Sha256Hasher();

    private final MessageDigest prototype;

    private Sha256Hasher() {
        try {
            prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private MessageDigest digest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
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
        return "SHA-256";
    }

    @Override
    public String toString() {
        return "Sha256Hasher";
    }
}
