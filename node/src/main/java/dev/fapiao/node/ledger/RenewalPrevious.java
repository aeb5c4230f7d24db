package dev.fapiao.node.ledger;

/**
 * The renewal a renewal extends (RFC 4998 §5.2: the previous ArchiveTimeStampSequence it covers):
 * its algorithm name, tree size and root (lowercase hex). Absent (null) for a node's first renewal,
 * whose previous evidence is the SM3 log itself.
 */
public record RenewalPrevious(String algorithm, long treeSize, String rootHash) {
}
