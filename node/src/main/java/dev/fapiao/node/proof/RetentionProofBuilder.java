package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.checkpoint.AnchoredCheckpoint;
import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.proof.RetentionProof.BlockEvidence;
import dev.fapiao.node.proof.RetentionProof.CheckpointInfo;
import dev.fapiao.node.proof.RetentionProof.HistoryEntry;
import dev.fapiao.node.proof.RetentionProof.Inclusion;
import dev.fapiao.node.proof.RetentionProof.InvoiceInfo;
import dev.fapiao.node.proof.RetentionProof.Retention;
import dev.fapiao.node.proof.RetentionProof.SealInfo;
import dev.fapiao.node.proof.RetentionProof.Signer;
import dev.fapiao.node.proof.RetentionProof.StatusInfo;
import dev.fapiao.node.renewal.RenewalChain;
import dev.fapiao.node.renewal.RenewalEvidence;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.seal.Sealer;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/**
 * Builds the retention proof bundle of an archived invoice from the archive, the node's Merkle log
 * and the ledger (chaincode queries and {@code qscc.GetBlockByTxID}). Thread-safe.
 */
public final class RetentionProofBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** The invoice cannot be proven yet (not anchored, or no anchored checkpoint covers its leaf). */
    public static final class NotYetProvableException extends RuntimeException {
        public NotYetProvableException(String message) {
            super(message);
        }
    }

    private final Archive archive;
    private final ArchiveLog log;
    private final Contract fapiao;
    private final Contract qscc;
    private final String channel;
    private final String nodeId;
    private final Sealer sealer;
    private final Clock clock;
    private final RenewalEvidence renewals;

    /** {@code renewals} may be null: the bundle then carries an empty renewal chain. */
    public RetentionProofBuilder(Archive archive, ArchiveLog log, Contract fapiao, Contract qscc, String channel,
            String nodeId, Sealer sealer, Clock clock, RenewalEvidence renewals) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.log = Objects.requireNonNull(log, "archive log (checkpoints disabled?)");
        this.fapiao = Objects.requireNonNull(fapiao, "fapiao");
        this.qscc = Objects.requireNonNull(qscc, "qscc");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewals = renewals;
    }

    public static RetentionProofBuilder of(NodeRuntime rt, Clock clock) {
        var network = rt.ledger().network();
        return new RetentionProofBuilder(rt.archive(), rt.archiveLog(), rt.ledger().contract(),
                network.getContract("qscc"), network.getName(), rt.config().node().id(), rt.sealer(), clock,
                rt.archiveLog() == null ? null : rt.renewals().evidence());
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
        ArchivedInvoice inv = archive.get(invoiceId).orElseThrow(() -> new UnknownInvoiceException(invoiceId));
        // one query gives the current record and its history consistently (newest first)
        JsonNode versions = evaluate(fapiao, "getInvoiceHistory", invoiceId);
        if (!versions.isArray() || versions.isEmpty()) {
            throw new NotYetProvableException(invoiceId + " is not anchored yet");
        }
        JsonNode newest = versions.get(0);
        JsonNode record = newest.path("value");
        String anchorTx = record.path("anchoredTxId").asText("");
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

        JsonNode cpRecord = null;
        for (JsonNode h : evaluate(fapiao, "getCheckpointHistory", nodeId)) {
            if (h.path("value").path("treeSize").asLong(-1) == cp.treeSize()) {
                cpRecord = h.path("value");
                break;
            }
        }
        if (cpRecord == null) {
            throw new NotYetProvableException("checkpoint of size " + cp.treeSize() + " not in the ledger history");
        }
        Signer cpSigner = signer(cpRecord.path("keyId").asText(), cpRecord.path("signature").asText());
        CheckpointInfo checkpoint = new CheckpointInfo(nodeId, cp.treeSize(), cp.rootHash(), cpSigner,
                evidence(cp.txId()));
        Inclusion inclusion = new Inclusion(leaf, cp.treeSize(),
                log.inclusionProof(leaf, cp.treeSize()).stream().map(HEX::formatHex).toList());

        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : versions) {
            JsonNode v = h.path("value");
            JsonNode change = v.path("lastChange");
            boolean anchor = change.isMissingNode() || change.isNull();
            history.add(new HistoryEntry(h.path("txId").asText(), text(h.path("timestamp")),
                    v.path("status").asText(null), v.path("legalHold").asBoolean(),
                    anchor ? "ANCHOR" : change.path("action").asText(null),
                    anchor ? null : change.path("reason").asText(null),
                    anchor ? v.path("anchoredBy").path("mspId").asText(null) : change.path("mspId").asText(null)));
        }
        // the newest version's own block, unless the anchoring transaction is the newest version
        String latestTx = newest.path("txId").asText();
        BlockEvidence statusEvidence = latestTx.equals(anchorTx) ? null : evidence(latestTx);
        boolean hold = record.path("legalHold").asBoolean();
        RetentionProof unsigned = new RetentionProof(RetentionProof.VERSION, invoiceId, clock.instant().toString(),
                new InvoiceInfo(inv.issuer(), inv.number(), inv.contentType(), inv.documentSize(), inv.metadataJson()),
                seal, evidence(anchorTx), inclusion, checkpoint,
                new StatusInfo(record.path("status").asText(), hold, history, statusEvidence),
                new Retention(record.path("retainUntil").asText(), hold),
                renewals == null ? RenewalChain.none(invoiceId) : renewals.chain(invoiceId), null);
        return unsigned.withSignature(sealer.signProofBundle(unsigned.signedBytes()));
    }

    private Signer signer(String keyId, String signature) {
        try {
            JsonNode key = evaluate(fapiao, "getSigner", keyId);
            return new Signer(keyId, key.path("publicKey").asText(), key.path("userId").asText(null), signature);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BlockEvidence evidence(String txId) throws IOException {
        return BlockEvidence.fetch(qscc, channel, txId);
    }

    private static JsonNode evaluate(Contract c, String fn, String... args) throws IOException {
        try {
            return JSON.readTree(c.evaluateTransaction(fn, args));
        } catch (GatewayException e) {
            throw new IOException(fn + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
