package dev.fapiao.node.renewal;

import dev.fapiao.node.archive.DocumentStore;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.ledger.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Long-term renewal for one node (docs/renewal.md): its renewal trees on disk, the
 * {@link Renewer} and the {@link RenewalEvidence} builder, sharing one set of open stores (RocksDB
 * lets one process open a store once). {@code NodeRuntime.renewals()} opens one on first use; the
 * {@code renew} command opens its own while the node is stopped.
 */
public final class Renewals implements AutoCloseable {
    private final RenewalLogs logs;
    private final Renewer renewer;
    private final RenewalEvidence evidence;

    private Renewals(RenewalLogs logs, Renewer renewer, RenewalEvidence evidence) {
        this.logs = logs;
        this.renewer = renewer;
        this.evidence = evidence;
    }

    /**
     * Opens the renewals under {@code dataDir} ({@code node.dataDir}); signatures by {@code signer}
     * (the NODE seal key), ledger calls as {@code ledger}'s identity.
     */
    public static Renewals open(String nodeId, Path dataDir, InvoiceStore invoices, DocumentStore documents,
            ArchiveLog archiveLog,
            RenewalSigner signer, Ledger ledger, Clock clock) {
        Objects.requireNonNull(archiveLog, "the Merkle log (checkpoint.enabled) is needed for renewals");
        RenewalLogs logs = RenewalLogs.open(dataDir);
        try {
            Renewer renewer = new Renewer(nodeId, invoices, documents, archiveLog, logs, signer, ledger, clock);
            RenewalEvidence evidence = new RenewalEvidence(archiveLog, logs, ledger, ledger);
            return new Renewals(logs, renewer, evidence);
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
    }

    /** The renew operation. */
    public Renewer renewer() {
        return renewer;
    }

    /** Renewal chains for retention proofs. */
    public RenewalEvidence evidence() {
        return evidence;
    }

    /** Stops a running renewal at its next page (it resumes on the next run), then closes the stores. */
    @Override
    public void close() {
        renewer.close();
        logs.close();
    }
}
