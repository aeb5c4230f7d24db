package dev.fapiao.node.ledger;

import java.util.List;
import java.util.Optional;

/** The calls long-term renewal needs (docs/renewal.md). */
public interface RenewalLedger {

    /** {@code getRenewals(nodeId)}: the node's anchored renewals, by sequence. */
    List<LedgerRenewal> renewals(String nodeId) throws LedgerUnavailableException;

    /** {@code getCheckpoint(nodeId)}; empty when the node has none. */
    Optional<LedgerCheckpoint> latestCheckpoint(String nodeId) throws LedgerUnavailableException;

    /**
     * {@code anchorRenewal(json)}, waiting for the commit (it may have written nothing: an identical
     * retry).
     */
    Committed anchorRenewal(RenewalRequest request) throws ChaincodeRefusedException, LedgerUnavailableException;
}
