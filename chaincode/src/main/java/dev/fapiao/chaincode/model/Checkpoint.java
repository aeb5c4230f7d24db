package dev.fapiao.chaincode.model;

/** The latest anchored transparency-log checkpoint of one archive node (object type {@code checkpoint}). */
public record Checkpoint(String nodeId, long treeSize, String rootHash, String signature, String keyId,
        String anchoredTxId, String anchoredAt, Actor anchoredBy) {
}
