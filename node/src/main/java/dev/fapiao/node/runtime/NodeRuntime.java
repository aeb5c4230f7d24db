package dev.fapiao.node.runtime;

import dev.fapiao.node.anchor.AnchorPipeline;
import dev.fapiao.node.anchor.AnchoringSettings;
import dev.fapiao.node.anomaly.AnomalyDetector;
import dev.fapiao.node.anomaly.AnomalyRules;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.checkpoint.CheckpointSettings;
import dev.fapiao.node.checkpoint.Checkpointer;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.LedgerSettings;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.proof.RetentionProofBuilder;
import dev.fapiao.node.renewal.Renewals;
import dev.fapiao.node.replication.DocumentServer;
import dev.fapiao.node.replication.Replicator;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.ArchiveSyncTarget;
import dev.fapiao.node.service.InvoiceService;
import dev.fapiao.node.service.NodeStatus;
import dev.fapiao.node.service.MemberLedgers;
import dev.fapiao.node.service.RequestSignatures;
import dev.fapiao.node.service.OutboxAnchorQueue;
import dev.fapiao.node.service.OwnTransitions;
import dev.fapiao.node.service.RetentionPolicy;
import dev.fapiao.node.service.SignerService;
import dev.fapiao.node.sync.LedgerSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running archive node built from its configuration: archive, seal key, ledger
 * connection, anchoring pipeline and ledger sync, and the {@link InvoiceService} and
 * {@link SignerService} in front.
 * The composition root: the one place that wires the packages together (nothing below
 * imports it). Closing stops them in reverse order; unanchored work stays in the outbox.
 */
public final class NodeRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

    private final NodeConfig config;
    private final Archive archive;
    private final LedgerConnection connection;
    private final Ledger ledger;
    private final AnchorPipeline pipeline;
    private final LedgerSync sync;
    private final MemberLedgers members;
    private final InvoiceService invoices;
    private final SignerService signers;
    private final Sealer sealer;
    private final ArchiveLog archiveLog;
    private final Checkpointer checkpointer;
    /** Long-term renewal (docs/renewal.md), opened on first use. */
    private Renewals renewals;
    /** The node-to-node document API and the replicator, when configured (null otherwise). */
    private DocumentServer documentServer;
    private Replicator replicator;
    /** Signed-request checks with the archive's nonce store (docs/gateway.md, "Signed requests"). */
    private RequestSignatures requestSignatures;
    /** Removes audit entries past their retention (docs/archive.md, "Audit trail"). */
    private ArchiveMaintenance maintenance;

    private NodeRuntime(NodeConfig config, Archive archive, LedgerConnection connection, Ledger ledger,
                        AnchorPipeline pipeline, LedgerSync sync, MemberLedgers members, InvoiceService invoices,
                        Sealer sealer, ArchiveLog archiveLog, Checkpointer checkpointer) {
        this.config = config;
        this.archive = archive;
        this.connection = connection;
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.sync = sync;
        this.members = members;
        this.invoices = invoices;
        this.signers = SignerService.create(members);
        this.sealer = sealer;
        this.archiveLog = archiveLog;
        this.checkpointer = checkpointer;
    }

    public static NodeRuntime start(NodeConfig config, Clock clock) throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Sealer sealer = new Sealer(SealKeyFile.loadOrCreate(config.sealKeyFile(), config.seal().keyPassword()));
            Archive archive = Archive.open(archiveOptions(config, clock));
            opened.add(archive);

            NetworkProfile profile = profile(config);
            LedgerConnection connection = LedgerConnection.open(ledgerSettings(config, profile));
            opened.add(connection);
            Ledger ledger = Ledger.over(connection);
            ensureNodeKey(config, profile, ledger, sealer, clock);

            NodeConfig.Anchoring a = config.anchoring();
            AnchorPipeline pipeline = new AnchorPipeline(new OutboxAnchorQueue(archive.anchors()),
                    ledger,
                    new AnchoringSettings(a.batchSize(), Duration.ofMillis(a.batchAgeMillis()), a.maxInFlight(),
                            Duration.ofMillis(a.retryBaseMillis()), Duration.ofMillis(a.retryMaxMillis())),
                    clock);
            opened.add(pipeline);
            pipeline.start();

            OwnTransitions ownTransitions = new OwnTransitions();
            LedgerSync sync = null;
            if (config.sync().enabled()) {
                sync = new LedgerSync(ledger, ledger, new ArchiveSyncTarget(archive.invoices(), archive.anchors(),
                        archive.auditLog(), archive.nodeState(), clock, ownTransitions),
                        LedgerSync.Start.valueOf(config.sync().startFrom().toUpperCase(java.util.Locale.ROOT)));
                opened.add(sync);
                sync.start();
            }
            ArchiveLog archiveLog = null;
            Checkpointer checkpointer = null;
            if (config.checkpoint().enabled()) {
                archiveLog = ArchiveLog.open(config.merklePath(), archive.feed(),
                        config.archive().memoryBudgetBytes() - archiveShare(config));
                opened.add(archiveLog);
                checkpointer = new Checkpointer(config.node().id(), archiveLog, sealer,
                        ledger,
                        new CheckpointSettings(Duration.ofSeconds(config.checkpoint().intervalSeconds()),
                                config.checkpoint().maxLeaves(), Duration.ofMillis(500), Duration.ofMillis(500),
                                Duration.ofSeconds(30)),
                        clock);
                opened.add(checkpointer);
                checkpointer.start();
            }
            MemberLedgers members = new MemberLedgers(ledger);
            opened.add(members);
            InvoiceService invoices = InvoiceService.create(archive, sealer, RetentionPolicy.of(config.retention()),
                    config.archive().maxDocumentBytes(), pipeline::wake, clock, members, documentReaders(config),
                    AnomalyDetector.create(anomalyRules(config.anomaly())), ownTransitions);
            NodeConfig.Replication r = config.replication();
            DocumentServer server = null;
            if (r.serve()) {
                server = ReplicationWiring.server(r, connection.settings(), archive);
                opened.add(server);
            }
            Replicator replicator = null;
            if (r.enabled()) {
                replicator = ReplicationWiring.replicator(r, connection.settings(), ledger, archive, clock);
                opened.add(replicator);
                replicator.start();
            }
            ArchiveMaintenance maintenance = new ArchiveMaintenance(archive.auditLog(),
                    dev.fapiao.node.service.AuditRetention.of(config), archive::reclaimDeletedDocuments, clock);
            opened.add(maintenance);
            maintenance.start(Duration.ofSeconds(config.audit().pruneIntervalSeconds()));
            log.info("archive node {} up: archive {}, seal key {}, ledger {} as {}", config.node().id(),
                    config.archivePath(), sealer.keyId(), connection.settings().peerAddress(),
                    connection.settings().mspId());
            NodeRuntime rt = new NodeRuntime(config, archive, connection, ledger, pipeline, sync, members, invoices,
                    sealer, archiveLog, checkpointer);
            rt.documentServer = server;
            rt.replicator = replicator;
            rt.requestSignatures = RequestSignatures.create(config.requestSignatures(), archive.nonces(), ledger, clock);
            rt.maintenance = maintenance;
            return rt;
        } catch (IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The document readers with the configured trusted seal CAs (read once, at start). */
    static DocumentReaders documentReaders(NodeConfig config) {
        String dir = config.documents().trustedSealsDir();
        TrustedSeals seals = dir.isBlank() ? TrustedSeals.none() : TrustedSeals.load(Path.of(dir));
        seals.ignoredCrls().forEach(why -> log.warn("trusted seal CAs: CRL ignored: {}", why));
        return DocumentReaders.create(DocumentLimits.defaults(), seals);
    }

    static AnomalyRules anomalyRules(NodeConfig.Anomaly a) {
        return new AnomalyRules(a.enabled(), Duration.ofSeconds(a.burstWindowSeconds()), a.burstFactor(),
                a.burstMinCount(), Duration.ofSeconds(a.burstMinHistorySeconds()), a.amountMinSamples(), a.amountMaxZ(),
                Duration.ofSeconds(a.clockSkewSeconds()), Duration.ofDays(a.maxAgeDays()), a.redLetterMinIssued(),
                a.redLetterMaxShare());
    }

    /** The archive's options as configured (path, durability, limits, documents at rest). */
    public static ArchiveOptions archiveOptions(NodeConfig config, Clock clock) {
        String keyFile = config.archive().encryptionKeyFile();
        return ArchiveOptions.builder(config.archivePath())
                .syncWrites(config.archive().syncWrites())
                .memoryBudgetBytes(archiveShare(config))
                .minFreeBytes(config.archive().minFreeBytes())
                .maxOutboxBacklog(config.archive().maxBacklog())
                .maxDocumentBytes(config.archive().maxDocumentBytes())
                .documentCipher(keyFile.isBlank() ? null : DocumentKeyFile.loadOrCreate(Path.of(keyFile)))
                .clock(clock)
                .build();
    }

    /** The archive's 7/8 of {@code archive.memoryBudgetBytes}; the Merkle log has the rest. */
    private static long archiveShare(NodeConfig config) {
        return config.archive().memoryBudgetBytes() / 8 * 7;
    }

    /** The development profile named by {@code ledger.profile}, or null when the ledger is configured explicitly. */
    public static NetworkProfile profile(NodeConfig config) {
        if (config.ledger().explicit()) {
            return null;
        }
        Path file = Path.of(config.ledger().profile());
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("ledger.profile: " + file + " does not exist (run scripts/network.sh up, "
                    + "or configure ledger.peerAddress and the identity files)");
        }
        try {
            return NetworkProfile.read(file);
        } catch (IOException e) {
            throw new ConfigException("ledger.profile: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The node's ledger identity: the profile's {@code ledger.user}, or the explicit endpoint and files. */
    public static LedgerSettings ledgerSettings(NodeConfig config) {
        return ledgerSettings(config, profile(config));
    }

    static LedgerSettings ledgerSettings(NodeConfig config, NetworkProfile profile) {
        NodeConfig.Ledger l = config.ledger();
        if (profile == null) {
            return new LedgerSettings(l.peerAddress(), Path.of(l.tlsCaCert()), l.mspId(), Path.of(l.certificate()),
                    Path.of(l.privateKey()), l.channel(), l.chaincode(), null, null);
        }
        try {
            return profile.settings(l.mspId(), l.user());
        } catch (IOException e) {
            throw new ConfigException("ledger.profile: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ledger.user: " + e.getMessage());
        }
    }

    private static void ensureNodeKey(NodeConfig config, NetworkProfile profile, Ledger ledger,
                                      Sealer sealer, Clock clock) throws IOException {
        if (NodeKeyRegistration.isRegistered(ledger, sealer.keyId())) {
            return;
        }
        if (profile == null) {
            throw new ConfigException("seal.keyFile: key " + sealer.keyId() + " is not registered on the ledger; "
                    + "an operator must register it as a NODE key for node " + config.node().id());
        }
        try (Ledger operator = Ledger.open(profile.settings(config.ledger().mspId(), "Admin"))) {
            NodeKeyRegistration.register(operator, sealer, config.node().id(), config.node().ownerCode(), clock);
        } catch (ChaincodeRefusedException | LedgerUnavailableException e) {
            throw new IllegalStateException("cannot register the node's seal key: " + e.getMessage(), e);
        }
    }

    /** The one door for invoices (submit, read, search, transitions, provenance). */
    public InvoiceService invoices() {
        return invoices;
    }

    /** The ledger's signer registry (changes need {@link #openMemberIdentities}). */
    public SignerService signers() {
        return signers;
    }

    /** Checks of signed state-changing API requests, with their replay window. */
    public RequestSignatures requestSignatures() {
        return requestSignatures;
    }

    /** The operator's read-only view of the node: ledger heights, backlog, checkpoints, renewals, audit. */
    public NodeStatus status() {
        return NodeStatus.create(config.node().id(), config.ledger().mspId(), archive, members);
    }

    /**
     * Opens the operator (Admin) and auditor (TaxAuthorityMSP) ledger identities from the network
     * profile, for the services' operator and auditor actions; a no-op when the ledger is configured
     * explicitly (those actions are then unavailable).
     *
     * @throws ConfigException when an identity cannot be opened
     */
    public void openMemberIdentities() {
        members.openMembers(config);
    }

    /** RocksDB's own count of the archive's native memory, against its budget (for metrics). */
    public dev.fapiao.node.model.MemoryUsage archiveMemory() {
        return archive.memoryUsage();
    }

    public Archive archive() {
        return archive;
    }

    public AnchorPipeline pipeline() {
        return pipeline;
    }

    public LedgerSync sync() {
        return sync;
    }

    /** The node's ledger port, as the node's own identity. */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * The raw Fabric connection under {@link #ledger()}: for tests of the chaincode itself and for
     * opening further identities' connections; node code talks to the ledger through the port.
     */
    public LedgerConnection ledgerConnection() {
        return connection;
    }

    /** The retention proof builder over this node's archive, Merkle log, ledger and renewals. */
    public RetentionProofBuilder proofBuilder(Clock clock) {
        return new RetentionProofBuilder(archive.invoices(), archiveLog, ledger, config.node().id(), sealer, clock,
                archiveLog == null ? null : renewals().evidence());
    }

    /**
     * An online backup of this running node (archive and Merkle log, consistent) into
     * {@code <node.dataDir>/backups}: incremental, writes go on meanwhile.
     */
    public NodeBackup backup() {
        return NodeBackup.take(archive, archiveLog, backupRoot(config));
    }

    /** Where {@link #backup()} writes: {@code <node.dataDir>/backups}. */
    public static Path backupRoot(NodeConfig config) {
        return Path.of(config.node().dataDir(), "backups");
    }

    public Sealer sealer() {
        return sealer;
    }

    /** The node-to-node document API, or null unless {@code replication.serve}. */
    public DocumentServer documentServer() {
        return documentServer;
    }

    /** The fetch-and-verify replicator, or null unless {@code replication.enabled}. */
    public Replicator replicator() {
        return replicator;
    }

    public NodeConfig config() {
        return config;
    }

    /** The archive's Merkle log, or null when {@code checkpoint.enabled} is false. */
    public ArchiveLog archiveLog() {
        return archiveLog;
    }

    /** The checkpoint anchoring thread, or null when {@code checkpoint.enabled} is false. */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /**
     * Long-term renewal of this node's evidence (docs/renewal.md), opened on first use. A renewal runs
     * on the thread that calls {@code renewals().renewer().renew(...)}, alongside serving and
     * anchoring. Needs {@code checkpoint.enabled}.
     */
    public synchronized Renewals renewals() {
        if (archiveLog == null) {
            throw new IllegalStateException("renewals need the Merkle log: checkpoint.enabled is false");
        }
        if (renewals == null) {
            renewals = Renewals.open(config.node().id(), Path.of(config.node().dataDir()), archive.invoices(),
                    archive.documents(), archiveLog,
                    sealer::signProofBundle, ledger, Clock.systemUTC());
        }
        return renewals;
    }

    @Override
    public void close() {
        if (maintenance != null) {
            maintenance.close();
        }
        synchronized (this) {
            if (renewals != null) {
                renewals.close();
            }
        }
        if (replicator != null) {
            replicator.close();
        }
        if (documentServer != null) {
            documentServer.close();
        }
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (sync != null) {
            sync.close();
        }
        pipeline.close();
        members.close();
        connection.close();
        if (archiveLog != null) {
            archiveLog.close();
        }
        archive.close();
    }
}
