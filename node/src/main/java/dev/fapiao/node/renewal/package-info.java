/**
 * Long-term renewal of the archive's evidence, after RFC 4998 §5.2 (hash-tree renewal): a
 * {@link dev.fapiao.node.renewal.Renewer} re-hashes every archived document under a second hash
 * algorithm ({@link dev.fapiao.node.renewal.RenewalAlgorithm}: SHA-256 or SHA3-256), builds an RFC
 * 9162 tree whose leaf 0 commits to the previous evidence ({@link dev.fapiao.node.renewal.RenewalLink})
 * and whose leaf i + 1 renews log leaf i ({@link dev.fapiao.node.renewal.RenewedLeaf}), and anchors it
 * with the chaincode's {@code anchorRenewal}; {@link dev.fapiao.node.renewal.RenewalEvidence} builds an
 * invoice's {@link dev.fapiao.node.renewal.RenewalChain} and {@link dev.fapiao.node.renewal.RenewalVerifier}
 * checks it offline. Specified in {@code docs/renewal.md}.
 */
package dev.fapiao.node.renewal;
