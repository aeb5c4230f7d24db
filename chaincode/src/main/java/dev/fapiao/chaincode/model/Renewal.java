package dev.fapiao.chaincode.model;

/**
 * An anchored long-term renewal of a node's evidence (object type {@code renewal}, attributes
 * nodeId and the sequence as 10 decimal digits). {@code previous} is null for sequence 1.
 */
public record Renewal(String nodeId, long sequence, String algorithm, long treeSize, String rootHash,
        long logTreeSize, String logRootHash, RenewalPrevious previous, String signature, String keyId,
        String anchoredTxId, String anchoredAt, Actor anchoredBy) {
}
