package dev.fapiao.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The archive node's whole configuration: one typed value, read once at start from
 * defaults, an optional file and the environment ({@link ConfigLoader}).
 */
public record NodeConfig(
        Node node,
        Archive archive,
        Seal seal,
        Retention retention,
        Ledger ledger,
        Anchoring anchoring,
        Sync sync,
        Checkpoint checkpoint,
        Documents documents,
        Anomaly anomaly) {

    public record Node(String id, String ownerCode, String dataDir) {}

    /** {@code encryptionKeyFile}: SM4 key (32 hex characters) for documents at rest; empty = stored in clear. */
    public record Archive(String path, long maxDocumentBytes, long maxBacklog, boolean syncWrites, String encryptionKeyFile) {}

    public record Seal(String keyFile, String certificateFile, String keyPassword, String userId) {}

    /**
     * {@code defaultYears} after the CST issue date, unless one of {@code rules} matches; the most
     * specific matching rule wins (issuer + class, then issuer, then class). Validated by
     * {@link ConfigLoader}; the node service applies it.
     */
    public record Retention(int defaultYears, List<RetentionRule> rules) {
        public Retention {
            // not List.copyOf: a null element must reach ConfigLoader's check, which names it
            rules = rules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(rules));
        }
    }

    /**
     * One retention rule: {@code issuer} (credit code) and {@code documentClass} (invoice kind
     * NORMAL, SPECIAL_VAT or RED_LETTER) are optional, at least one is given; {@code years} 1..100.
     * Kept as text here so that {@link ConfigLoader} can name a bad value by its key.
     */
    public record RetentionRule(String issuer, String documentClass, Integer years) {}

    public record Ledger(
            String profile,
            String mspId,
            String user,
            String peerAddress,
            String tlsCaCert,
            String certificate,
            String privateKey,
            String channel,
            String chaincode) {

        /** True when endpoints and identity are configured directly rather than by profile. */
        public boolean explicit() {
            return !peerAddress.isBlank();
        }
    }

    public record Anchoring(int batchSize, long batchAgeMillis, int maxInFlight, long retryBaseMillis, long retryMaxMillis) {}

    /** {@code startFrom}: where a node without a sync cursor starts, {@code latest} or {@code genesis}. */
    public record Sync(boolean enabled, String startFrom) {}

    public record Checkpoint(boolean enabled, long intervalSeconds, long maxLeaves) {}

    /** {@code trustedSealsDir}: the seal CAs documents' seals are judged against (docs/documents.md); empty = none. */
    public record Documents(String trustedSealsDir) {}

    /** The anomaly rules' thresholds (docs/documents.md, "Anomaly flags"). */
    public record Anomaly(boolean enabled, long burstWindowSeconds, double burstFactor, int burstMinCount,
                          long burstMinHistorySeconds, int amountMinSamples, double amountMaxZ, long clockSkewSeconds,
                          long maxAgeDays, int redLetterMinIssued, double redLetterMaxShare) {}

    public Path archivePath() {
        return archive.path().isBlank() ? Path.of(node.dataDir(), "archive") : Path.of(archive.path());
    }

    /** The archive's Merkle log (checkpoints): {@code <node.dataDir>/merkle}. */
    public Path merklePath() {
        return Path.of(node.dataDir(), "merkle");
    }

    public Path sealKeyFile() {
        return seal.keyFile().isBlank() ? Path.of(node.dataDir(), "seal-key.pem") : Path.of(seal.keyFile());
    }
}
