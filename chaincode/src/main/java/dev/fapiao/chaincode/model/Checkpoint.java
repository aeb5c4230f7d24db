package dev.fapiao.chaincode.model;

/**
 * The latest anchored transparency-log checkpoint of one archive node (object type {@code checkpoint}).
 * {@code previousTreeSize} is the size of the checkpoint it extends (null for the node's first).
 */
public record Checkpoint(String nodeId, long treeSize, String rootHash, Long previousTreeSize, String signature,
        String keyId, String anchoredTxId, String anchoredAt, Actor anchoredBy) {
}
