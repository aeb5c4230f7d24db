package dev.fapiao.node.renewal;

import dev.fapiao.node.anchor.LedgerUnavailableException;
import dev.fapiao.node.checkpoint.LedgerCheckpoint;
import java.util.List;
import java.util.Optional;

/** The chaincode calls the {@link Renewer} needs ({@link FabricRenewalClient} in production). */
public interface RenewalClient {

    /** {@code getRenewals(nodeId)}: the node's anchored renewals, by sequence. */
    List<LedgerRenewal> renewals(String nodeId) throws LedgerUnavailableException;

    /** {@code getCheckpoint(nodeId)}; empty when the node has none. */
    Optional<LedgerCheckpoint> checkpoint(String nodeId) throws LedgerUnavailableException;

    /** {@code anchorRenewal(json)}, waiting for the commit; returns the transaction id and block number. */
    Submitted anchor(RenewalRequest request) throws RenewalRefusedException, LedgerUnavailableException;

    /** A committed {@code anchorRenewal} transaction (it may have written nothing: an identical retry). */
    record Submitted(String txId, long blockNumber) {
    }
}
