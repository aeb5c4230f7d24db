package dev.fapiao.node.proof;

import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.CheckpointRecord;
import dev.fapiao.node.ledger.InvoiceRecord;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.LedgerVersion;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.proof.RetentionProof.CheckpointInfo;
import dev.fapiao.node.proof.RetentionProof.HistoryEntry;
import dev.fapiao.node.proof.RetentionProof.Inclusion;
import dev.fapiao.node.proof.RetentionProof.InvoiceInfo;
import dev.fapiao.node.proof.RetentionProof.Retention;
import dev.fapiao.node.proof.RetentionProof.SealInfo;
import dev.fapiao.node.proof.RetentionProof.StatusInfo;
import dev.fapiao.node.renewal.RenewalChain;
import dev.fapiao.node.renewal.RenewalEvidence;
import dev.fapiao.node.seal.Sealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Builds the retention proof bundle of an archived invoice from the archive, the node's Merkle log
 * and the ledger (invoice and checkpoint history, signer registry, raw blocks). Thread-safe.
 */
public final class RetentionProofBuilder {
    private static final HexFormat HEX = HexFormat.of();

    /** The invoice cannot be proven yet (not anchored, or no anchored checkpoint covers its leaf). */
    public static final class NotYetProvableException extends RuntimeException {
        public NotYetProvableException(String message) {
            super(message);
        }
    }

    private final InvoiceStore invoices;
    private final ArchiveLog log;
    private final Ledger ledger;
    private final String nodeId;
    private final Sealer sealer;
    private final Clock clock;
    private final RenewalEvidence renewals;

    /** {@code renewals} may be null: the bundle then carries an empty renewal chain. */
    public RetentionProofBuilder(InvoiceStore invoices, ArchiveLog log, Ledger ledger, String nodeId, Sealer sealer,
            Clock clock, RenewalEvidence renewals) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.log = Objects.requireNonNull(log, "archive log (checkpoints disabled?)");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewals = renewals;
    }

    /**
     * The signed bundle for {@code invoiceId}.
     *
     * @throws UnknownInvoiceException when the archive does not hold it
     * @throws NotYetProvableException when it is not anchored or not covered by a checkpoint yet
     * @throws IOException when the ledger cannot be read
     */
    public RetentionProof build(String invoiceId) throws IOException {
        // a tombstone of a disposed invoice keeps everything the bundle needs but the document
        ArchivedInvoice inv = invoices.get(invoiceId).orElseThrow(() -> new UnknownInvoiceException(invoiceId));
        // one query gives the current record and its history consistently (newest first)
        List<LedgerVersion<InvoiceRecord>> versions = ledger(() -> ledger.invoiceHistory(invoiceId),
                "history of " + invoiceId);
        if (versions.isEmpty()) {
            throw new NotYetProvableException(invoiceId + " is not anchored yet");
        }
        LedgerVersion<InvoiceRecord> newest = versions.get(0);
        InvoiceRecord record = newest.value();
        String anchorTx = Objects.toString(record.anchoredTxId(), "");
        if (anchorTx.isEmpty()) {
            throw new NotYetProvableException(invoiceId + " is not anchored yet");
        }
        long leaf = log.leafIndex(invoiceId).orElseThrow(
                () -> new NotYetProvableException(invoiceId + " is not in the Merkle log yet"));
        AnchoredCheckpoint cp = log.anchored().stream().filter(c -> c.treeSize() > leaf)
                .reduce((a, b) -> b.treeSize() >= a.treeSize() ? b : a)
                .orElseThrow(() -> new NotYetProvableException("no anchored checkpoint covers leaf " + leaf
                        + " of " + invoiceId + " yet"));

        SealRef nodeSeal = inv.seal();
        Signer node = signer(nodeSeal.keyId(), nodeSeal.signature());
        Signer enterprise = inv.enterpriseSeal().map(s -> signer(s.keyId(), s.signature())).orElse(null);
        SealInfo seal = new SealInfo(inv.docHash(), inv.metaHash(), inv.issueTime().toString(),
                inv.retainUntil().toString(), nodeSeal.encodingVersion(), node, enterprise);

        CheckpointRecord cpRecord = null;
        for (LedgerVersion<CheckpointRecord> h : ledger(() -> ledger.checkpointHistory(nodeId),
                "checkpoint history of " + nodeId)) {
            if (h.value().treeSize() == cp.treeSize()) {
                cpRecord = h.value();
                break;
            }
        }
        if (cpRecord == null) {
            throw new NotYetProvableException("checkpoint of size " + cp.treeSize() + " not in the ledger history");
        }
        Signer cpSigner = signer(Objects.toString(cpRecord.keyId(), ""), Objects.toString(cpRecord.signature(), ""));
        CheckpointInfo checkpoint = new CheckpointInfo(nodeId, cp.treeSize(), cp.rootHash(), cpSigner,
                evidence(cp.txId()));
        Inclusion inclusion = new Inclusion(leaf, cp.treeSize(),
                log.inclusionProof(leaf, cp.treeSize()).stream().map(HEX::formatHex).toList());

        // only the versions the bundle's blocks bind: the newest (status.evidence) and the anchoring
        // write (anchoring); the versions between are on the ledger (docs/retention-proof.md)
        List<HistoryEntry> history = new ArrayList<>();
        for (LedgerVersion<InvoiceRecord> h : versions) {
            if (h != newest && !h.txId().equals(anchorTx)) {
                continue;
            }
            InvoiceRecord v = h.value();
            InvoiceRecord.Change change = v.lastChange();
            boolean anchor = change == null;
            history.add(new HistoryEntry(h.txId(), h.timestamp(), v.status(), v.legalHold(),
                    anchor ? "ANCHOR" : change.action(), anchor ? null : change.reason(),
                    anchor ? v.anchoredBy().mspId() : change.mspId()));
        }
        // the newest version's own block, unless the anchoring transaction is the newest version
        String latestTx = newest.txId();
        BlockEvidence statusEvidence = latestTx.equals(anchorTx) ? null : evidence(latestTx);
        boolean hold = record.legalHold();
        RetentionProof unsigned = new RetentionProof(RetentionProof.VERSION, invoiceId, clock.instant().toString(),
                new InvoiceInfo(inv.issuer(), inv.number(), inv.contentType(), inv.documentSize(), inv.metadataJson()),
                seal, evidence(anchorTx), inclusion, checkpoint,
                new StatusInfo(Objects.toString(record.status(), ""), hold, history, statusEvidence),
                new Retention(Objects.toString(record.retainUntil(), ""), hold),
                renewals == null ? RenewalChain.none(invoiceId) : renewals.chain(invoiceId), null,
                RetentionProof.claim(inv.documentCheck()), enterprise == null ? null : registration(enterprise.keyId()));
        return unsigned.withSignature(sealer.signProofBundle(unsigned.signedBytes()));
    }

    private Signer signer(String keyId, String signature) {
        try {
            SignerRecord key = ledger(() -> ledger.signer(keyId), "signer " + keyId)
                    .orElseThrow(() -> new IOException("key " + keyId + " is not in the signer registry"));
            return new Signer(keyId, Objects.toString(key.publicKey(), ""), key.userId(), signature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The block of the transaction that created the key record (its registration, or the rotation
     * that made it): the oldest version of the record's ledger history.
     */
    private BlockEvidence registration(String keyId) throws IOException {
        List<LedgerVersion<SignerRecord>> versions = ledger(() -> ledger.signerHistory(keyId), "history of signer "
                + keyId);
        if (versions.isEmpty()) {
            throw new IOException("key " + keyId + " has no registry history");
        }
        return evidence(versions.get(versions.size() - 1).txId());
    }

    private BlockEvidence evidence(String txId) throws IOException {
        return BlockEvidence.of(txId, ledger(() -> ledger.blockByTxId(txId), "block of " + txId));
    }

    private interface Query<T> {
        T call() throws ChaincodeRefusedException, LedgerUnavailableException;
    }

    /** A ledger read; a refusal or an unreachable ledger is an {@link IOException} for the caller. */
    private static <T> T ledger(Query<T> query, String what) throws IOException {
        try {
            return query.call();
        } catch (ChaincodeRefusedException | LedgerUnavailableException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }
}
