package dev.fapiao.chaincode.model;

import java.util.List;

/**
 * The argument of {@code anchorRenewal} as received (validated by the contract). {@code previous}
 * is null for a node's first renewal; {@code logConsistencyProof} is the SM3 consistency proof from
 * ({@code logTreeSize}, {@code logRootHash}) to the node's anchored checkpoint ({@code []} when they
 * are equal).
 */
public record RenewalRequest(String nodeId, Long sequence, String algorithm, Long treeSize, String rootHash,
        Long logTreeSize, String logRootHash, List<String> logConsistencyProof, RenewalPrevious previous,
        String signature) {
}
