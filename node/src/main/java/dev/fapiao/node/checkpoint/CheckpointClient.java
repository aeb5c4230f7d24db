package dev.fapiao.node.checkpoint;

import dev.fapiao.node.anchor.LedgerUnavailableException;
import java.util.List;
import java.util.Optional;

/** The two chaincode calls the {@link Checkpointer} needs ({@link FabricCheckpointClient} in production). */
public interface CheckpointClient {

    /** {@code getCheckpoint(nodeId)}; empty when the node has none yet. */
    Optional<LedgerCheckpoint> latest(String nodeId) throws LedgerUnavailableException;

    /**
     * {@code anchorCheckpoint(nodeId, treeSize, rootHash, signature, consistencyProof)}, waiting for
     * the commit. {@code recordedAt} of the result is left to the caller (may be null).
     */
    AnchoredCheckpoint anchor(String nodeId, long treeSize, String rootHash, String signature,
                              List<String> consistencyProof)
            throws CheckpointRefusedException, LedgerUnavailableException;
}
