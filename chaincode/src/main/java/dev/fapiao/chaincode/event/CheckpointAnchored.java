package dev.fapiao.chaincode.event;

/** Event {@code CheckpointAnchored}. */
public record CheckpointAnchored(String txId, String nodeId, long treeSize, String rootHash) {
    public static final String NAME = "CheckpointAnchored";
}
