package dev.fapiao.node.merkle;

/**
 * The hashing of an RFC 9162 Merkle tree (§2.1.1), with the domain-separation prefixes that keep
 * a leaf from being mistaken for an interior node (second-preimage resistance):
 *
 * <pre>
 * MTH({})       = HASH()                           emptyRoot()
 * MTH({d(0)})   = HASH(0x00 || d(0))               hashLeaf(d)
 * interior node = HASH(0x01 || left || right)      hashChildren(left, right)
 * </pre>
 *
 * Implementations are stateless and thread-safe, and return fresh arrays.
 */
public interface HashStrategy {
    /** Prefix of a leaf hash input (RFC 9162 §2.1.1). */
    byte LEAF_PREFIX = 0x00;
    /** Prefix of an interior node hash input (RFC 9162 §2.1.1). */
    byte NODE_PREFIX = 0x01;

    /** {@code HASH(0x00 || leafData)}. */
    byte[] hashLeaf(byte[] leafData);

    /** {@code HASH(0x01 || left || right)}. */
    byte[] hashChildren(byte[] left, byte[] right);

    /** The root of the empty tree, {@code HASH()} of zero bytes. */
    byte[] emptyRoot();

    /** Output length in bytes. */
    int size();

    /** Name of the hash function, e.g. {@code SHA-256} or {@code SM3}. */
    String name();
}
