package dev.fapiao.chaincode.event;

/** Event {@code CheckpointAnchored}; {@code previousTreeSize} is null for a node's first checkpoint. */
public record CheckpointAnchored(String txId, String nodeId, long treeSize, String rootHash, Long previousTreeSize) {
    public static final String NAME = "CheckpointAnchored";
}
