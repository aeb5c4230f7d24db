package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.Signer;
import java.util.List;

/**
 * One renewal's evidence for one invoice (docs/renewal.md, "Bundle member"): the anchored renewal
 * (its identity, tree, the SM3 log tree and previous renewal it extends), the invoice's
 * {@link RenewedLeaf}, three RFC 9162 inclusion paths (hashes lowercase hex, bottom up), the NODE
 * key's SM2 signature over renewal encoding v1, and the raw Fabric block of the
 * {@code anchorRenewal} transaction.
 *
 * @param path     inclusion of the renewed leaf, index {@code leaf.leafIndex + 1}, in the renewal tree
 * @param linkPath inclusion of leaf 0 (the {@link RenewalLink}) in the renewal tree
 * @param logPath  SM3 inclusion of the invoice's log leaf, index {@code leaf.leafIndex}, in the log
 *                 tree of {@code logTreeSize} leaves; null when {@code leaf.previousKind} is
 *                 {@code RENEWAL} (the previous renewal already binds the log leaf)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RenewalStep(
        String nodeId,
        long sequence,
        String algorithm,
        long treeSize,
        String rootHash,
        long logTreeSize,
        String logRootHash,
        RenewalPrevious previous,
        RenewedLeaf leaf,
        List<String> path,
        List<String> linkPath,
        List<String> logPath,
        Signer signer,
        BlockEvidence anchoring) {

    /** The renewal's leaf 0 and signed content, as this step declares it. */
    public RenewalLink link() {
        return new RenewalLink(nodeId, sequence, algorithm, logTreeSize, logRootHash, previous);
    }
}
