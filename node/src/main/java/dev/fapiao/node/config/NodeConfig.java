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
        Replication replication,
        Documents documents,
        Anomaly anomaly,
        RequestSignatures requestSignatures,
        Logging logging,
        Audit audit) {

    public record Node(String id, String ownerCode, String dataDir) {}

    /** {@code encryptionKeyFile}: SM4 key (32 hex characters) for documents at rest; empty = stored in clear. */
    /**
     * {@code memoryBudgetBytes}: RocksDB block caches and memtables of the archive and its Merkle log, together;
     * {@code minFreeBytes}: new invoices are refused (507) while the archive's filesystem has less free space.
     */
    public record Archive(String path, long maxDocumentBytes, long maxBacklog, boolean syncWrites, String encryptionKeyFile,
                          long memoryBudgetBytes, long minFreeBytes) {}

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

    /**
     * The node-to-node document API and the replicator (docs/operations.md, "Replicating a new
     * member's archive"). {@code serve}: serve this archive's documents to channel members on
     * {@code host:port} (host empty = the host of this organisation's peer); {@code enabled}: fetch
     * and verify what the policy selects from {@code peers} (comma-separated https URLs, each optionally
     * {@code MSPID=}-prefixed: the member its server must be, {@link PeerAddress}) from block
     * {@code startBlock}; the policy is {@code issuers} (comma-separated credit codes, empty = all)
     * and {@code fromDate}/{@code toDate} (CST issue dates, inclusive, empty = open). The TLS identity is
     * {@code certificate}/{@code privateKey}, empty = the ledger identity's files.
     */
    public record Replication(boolean serve, String host, int port, String trustFile, String certificate,
                              String privateKey, boolean enabled,
                              String peers, long startBlock, String issuers, String fromDate, String toDate,
                              int parallelism, int rounds, long retryMillis) {}

    /** {@code trustedSealsDir}: the seal CAs documents' seals are judged against (docs/documents.md); empty = none. */
    public record Documents(String trustedSealsDir) {}

    /** The anomaly rules' thresholds (docs/documents.md, "Anomaly flags"). */
    public record Anomaly(boolean enabled, long burstWindowSeconds, double burstFactor, int burstMinCount,
                          long burstMinHistorySeconds, int amountMinSamples, double amountMaxZ, long clockSkewSeconds,
                          long maxAgeDays, int redLetterMinIssued, double redLetterMaxShare) {}

    /**
     * Signed state-changing API requests (docs/gateway.md, "Signed requests"): {@code mode} is
     * {@code required} (bearer-only is refused), {@code optional} (a signature is checked when sent) or
     * {@code off}; a timestamp within {@code windowSeconds} of the node's clock, each nonce once in that
     * window (at most {@code maxNonces} remembered); ledger keys re-read after {@code keyCacheSeconds};
     * operators' and auditors' keys (the registry has no kind for them) as comma-separated PEM files.
     */
    public record RequestSignatures(String mode, long windowSeconds, long maxNonces, long keyCacheSeconds,
                                    String operatorKeys, String auditorKeys) {}

    /**
     * The daemons' logs (docs/operations.md, "Logs"): JSON lines to {@code dir} (empty =
     * {@code <node.dataDir>/logs}), rolled at {@code maxFileSize} and daily, kept {@code maxHistoryDays}
     * and at most {@code totalSizeCap} together; the console (stderr) {@code plain} or {@code json};
     * {@code level} for everything, {@code levels} as {@code logger=level,...} overrides.
     */
    public record Logging(String dir, String console, String level, String levels, String maxFileSize,
                          int maxHistoryDays, String totalSizeCap) {}

    /**
     * The archive's audit trail (docs/archive.md, "Audit trail"): {@code retentionDays} 0 = as long as
     * the invoices the entries concern, else at least {@link #MIN_AUDIT_RETENTION_DAYS};
     * pruned every {@code pruneIntervalSeconds}.
     */
    public record Audit(int retentionDays, long pruneIntervalSeconds) {}

    /** Audit entries are kept at least six months (issue 15). */
    public static final int MIN_AUDIT_RETENTION_DAYS = 183;

    public Path logPath() {
        return logging.dir().isBlank() ? Path.of(node.dataDir(), "logs") : Path.of(logging.dir());
    }

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
