package dev.fapiao.node.merkle;

/** RFC 9162 tree hashing with SHA-256 (the RFC's own hash; used for the shared RFC 6962 vectors). */
public final class Sha256Hasher {
    public static final HashStrategy INSTANCE = new JdkDigestHasher("SHA-256", "Sha256Hasher");

    private Sha256Hasher() {
    }
}
