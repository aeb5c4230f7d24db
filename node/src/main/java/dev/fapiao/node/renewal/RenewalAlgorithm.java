package dev.fapiao.node.renewal;

import dev.fapiao.node.merkle.HashStrategy;
import dev.fapiao.node.merkle.Sha256Hasher;
import dev.fapiao.node.merkle.Sha3_256Hasher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A hash function a renewal may move the evidence to (docs/renewal.md). The name is the one in the
 * encodings and on the ledger, and also the JCA name of the plain digest used for documents and
 * metadata; the tree uses the RFC 9162 prefixes ({@link #hasher()}).
 */
public enum RenewalAlgorithm {
    SHA_256("SHA-256", Sha256Hasher.INSTANCE),
    SHA3_256("SHA3-256", Sha3_256Hasher.INSTANCE);

    private final String algorithmName;
    private final HashStrategy hasher;

    RenewalAlgorithm(String algorithmName, HashStrategy hasher) {
        this.algorithmName = algorithmName;
        this.hasher = hasher;
    }

    /** {@code SHA-256} or {@code SHA3-256}. */
    public String algorithmName() {
        return algorithmName;
    }

    /** RFC 9162 tree hashing with this function. */
    public HashStrategy hasher() {
        return hasher;
    }

    /** The plain digest of {@code data} (no prefix): documents and metadata. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(algorithmName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithmName + " is required by the Java platform", e);
        }
    }

    /** Digest output length in bytes. */
    public int size() {
        return hasher.size();
    }

    /** By its name ({@code SHA-256}, {@code SHA3-256}); empty for any other. */
    public static Optional<RenewalAlgorithm> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.algorithmName.equals(name)).findFirst();
    }

    /** By its name, or an {@link IllegalArgumentException} naming the allowed ones. */
    public static RenewalAlgorithm of(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown renewal algorithm '" + name
                + "', must be one of " + Arrays.stream(values()).map(RenewalAlgorithm::algorithmName).toList()));
    }

    @Override
    public String toString() {
        return algorithmName;
    }
}
