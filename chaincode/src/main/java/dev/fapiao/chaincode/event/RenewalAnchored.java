package dev.fapiao.chaincode.event;

/** Event {@code RenewalAnchored}. */
public record RenewalAnchored(String txId, String nodeId, long sequence, String algorithm, long treeSize,
        String rootHash, long logTreeSize) {
    public static final String NAME = "RenewalAnchored";
}
