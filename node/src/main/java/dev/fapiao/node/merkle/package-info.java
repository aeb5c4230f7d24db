/**
 * Merkle tree math for the retention-proof log, after RFC 9162 §2.1 (which restates RFC 6962
 * §2.1): tree hashes ({@link dev.fapiao.node.merkle.MerkleTree}), the node and range arithmetic
 * behind proofs ({@link dev.fapiao.node.merkle.TreeMath}), and the verifiers
 * ({@link dev.fapiao.node.merkle.ProofVerifier}). Nothing here stores anything or knows which hash
 * function is used: that is a {@link dev.fapiao.node.merkle.HashStrategy}. The wire formats and
 * algorithms are specified in {@code docs/merkle-log.md}.
 */
package dev.fapiao.node.merkle;
