package dev.fapiao.chaincode.model;

/** The renewal a renewal extends: its hash algorithm, tree size and root (lowercase hex). */
public record RenewalPrevious(String algorithm, Long treeSize, String rootHash) {
}
