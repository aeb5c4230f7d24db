package dev.fapiao.node.ledger;

import java.util.List;
import java.util.Optional;

/** A node's Merkle tree head on the ledger: the calls the checkpointer needs. */
public interface CheckpointLedger {

    /** {@code getCheckpoint(nodeId)}; empty when the node has none yet. */
    Optional<LedgerCheckpoint> latestCheckpoint(String nodeId) throws LedgerUnavailableException;

    /**
     * {@code anchorCheckpoint(nodeId, treeSize, rootHash, signature, consistencyProof)}, waiting for
     * the commit. Hashes are lowercase hex, the signature base64 DER SM2.
     */
    Committed anchorCheckpoint(String nodeId, long treeSize, String rootHash, String signature,
            List<String> consistencyProof) throws ChaincodeRefusedException, LedgerUnavailableException;
}
