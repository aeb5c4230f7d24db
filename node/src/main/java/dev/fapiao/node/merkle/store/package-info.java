/**
 * The append-only retention log: {@link dev.fapiao.node.merkle.store.MerkleLog} keeps the hash of
 * every perfect subtree in a {@link dev.fapiao.node.merkle.store.NodeStore} (RocksDB on disk,
 * or memory for tests), writes each exactly once, and answers roots and proofs for any past
 * size with O(log n) reads. Layout and complexity: {@code docs/merkle-log.md}.
 */
package dev.fapiao.node.merkle.store;
