package dev.fapiao.node.ledger;

import java.util.List;

/**
 * The argument of the chaincode's {@code anchorRenewal} (JSON object; docs/ledger-model.md):
 * the renewal's identity and tree, the SM3 log tree it covers with the consistency proof from it to
 * the node's anchored checkpoint ({@code []} when they are equal), the previous renewal (null for
 * sequence 1) and the base64 DER SM2 signature over renewal encoding v1.
 */
public record RenewalRequest(String nodeId, long sequence, String algorithm, long treeSize, String rootHash,
        long logTreeSize, String logRootHash, List<String> logConsistencyProof, RenewalPrevious previous,
        String signature) {
}
