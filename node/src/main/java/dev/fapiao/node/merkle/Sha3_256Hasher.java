package dev.fapiao.node.merkle;

/**
 * RFC 9162 tree hashing with SHA3-256 (FIPS 202, the JDK's {@code SHA3-256}): one of the two hash
 * functions a long-term renewal may move the archive's evidence to (docs/renewal.md). Same prefixes
 * and structure as {@link Sha256Hasher}; a different design (Keccak sponge) from both SHA-256 and
 * SM3 (Merkle-Damgård), so a break of one is unlikely to carry over.
 */
public final class Sha3_256Hasher {
    public static final HashStrategy INSTANCE = new JdkDigestHasher("SHA3-256", "Sha3_256Hasher");

    private Sha3_256Hasher() {
    }
}
