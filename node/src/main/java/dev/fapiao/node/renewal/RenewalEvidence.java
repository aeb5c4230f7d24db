package dev.fapiao.node.renewal;

import dev.fapiao.node.checkpoint.ArchiveLog;
import dev.fapiao.node.ledger.BlockSource;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.Signer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Builds an invoice's {@link RenewalChain} from the local renewal trees, the Merkle log and the
 * ledger (the NODE key's record from the signer registry, the anchoring block from the channel).
 * Only renewals recorded as anchored are included. Thread-safe.
 */
public final class RenewalEvidence {
    private static final HexFormat HEX = HexFormat.of();

    private final ArchiveLog archiveLog;
    private final RenewalLogs logs;
    private final SignerLedger signers;
    private final BlockSource blocks;

    RenewalEvidence(ArchiveLog archiveLog, RenewalLogs logs, SignerLedger signers, BlockSource blocks) {
        this.archiveLog = Objects.requireNonNull(archiveLog, "archiveLog");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.signers = Objects.requireNonNull(signers, "signers");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    /**
     * The chain of anchored renewals covering {@code invoiceId}, oldest first; no steps when the
     * invoice has no log leaf yet or no anchored renewal covers it.
     *
     * @throws IOException when the ledger cannot be read
     */
    public RenewalChain chain(String invoiceId) throws IOException {
        OptionalLong index = archiveLog.leafIndex(invoiceId);
        if (index.isEmpty()) {
            return RenewalChain.none(invoiceId);
        }
        long i = index.getAsLong();
        List<RenewalStep> steps = new ArrayList<>();
        Map<String, Signer> keys = new HashMap<>();
        for (RenewalLog r : logs.all()) {
            RenewalLog.Anchored a = r.anchored().orElse(null);
            if (a == null || i >= r.link().logTreeSize()) {
                continue;
            }
            steps.add(step(r, a, i, keys));
        }
        return new RenewalChain(RenewalChain.VERSION, invoiceId, steps);
    }

    private RenewalStep step(RenewalLog r, RenewalLog.Anchored a, long i, Map<String, Signer> keys)
            throws IOException {
        Signer key = keys.get(a.keyId());
        if (key == null) {
            SignerRecord k = signer(a.keyId());
            key = new Signer(a.keyId(), Objects.toString(k.publicKey(), ""), k.userId(), null);
            keys.put(a.keyId(), key);
        }
        return step(archiveLog, r, a, i, new Signer(key.keyId(), key.publicKey(), key.userId(), a.signature()),
                evidence(a.txId()));
    }

    /** The step of anchored renewal {@code r} for log leaf {@code i}, with its signer and block evidence. */
    static RenewalStep step(ArchiveLog archiveLog, RenewalLog r, RenewalLog.Anchored a, long i, Signer signer,
            BlockEvidence anchoring) {
        RenewalLink link = r.link();
        RenewedLeaf leaf = r.leaf(i).orElseThrow(() -> new IllegalStateException(r + " has no leaf " + i));
        List<String> path = hex(r.merkle().inclusionProof(i + 1, a.treeSize()));
        List<String> linkPath = hex(r.merkle().inclusionProof(0, a.treeSize()));
        List<String> logPath = RenewedLeaf.LOG.equals(leaf.previousKind())
                ? hex(archiveLog.inclusionProof(i, link.logTreeSize())) : null;
        return new RenewalStep(link.nodeId(), link.sequence(), link.algorithm(), a.treeSize(), a.rootHash(),
                link.logTreeSize(), link.logRootHash(), link.previous(), leaf, path, linkPath, logPath, signer,
                anchoring);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    private BlockEvidence evidence(String txId) throws IOException {
        try {
            return BlockEvidence.of(txId, blocks.blockByTxId(txId));
        } catch (LedgerUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private SignerRecord signer(String keyId) throws IOException {
        try {
            return signers.signer(keyId)
                    .orElseThrow(() -> new IOException("key " + keyId + " is not in the signer registry"));
        } catch (ChaincodeRefusedException | LedgerUnavailableException e) {
            throw new IOException("signer " + keyId + ": " + e.getMessage(), e);
        }
    }
}
