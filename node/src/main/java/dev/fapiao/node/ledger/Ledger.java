package dev.fapiao.node.ledger;

import java.io.IOException;
import java.util.List;

/**
 * The node's one door to the {@code fapiao} chaincode and the channel: every chaincode function
 * the node and the gateway use, typed, behind role interfaces so that a consumer depends only on
 * what it calls. Queries and submissions throw {@link ChaincodeRefusedException} for the
 * chaincode's final answers and {@link LedgerUnavailableException} for what may succeed later.
 * The one implementation is over the Fabric Gateway ({@link #open}); thread-safe.
 */
public interface Ledger extends AnchorLedger, InvoiceLedger, CheckpointLedger, RenewalLedger, SignerLedger,
        BlockSource, LedgerEvents, AutoCloseable {

    /** {@code getCheckpointHistory(nodeId)}: every checkpoint the node anchored, newest first. */
    List<LedgerVersion<CheckpointRecord>> checkpointHistory(String nodeId)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /**
     * {@code getSignerHistory(keyId)}: every version of the key's registry record, newest first (the
     * oldest is its registration, or the rotation that created it).
     */
    List<LedgerVersion<SignerRecord>> signerHistory(String keyId)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /** Connects as {@code settings}' identity; closing the ledger closes the connection. */
    static Ledger open(LedgerSettings settings) throws IOException {
        LedgerConnection connection = LedgerConnection.open(settings);
        return new FabricLedger(connection, connection);
    }

    /** The ledger over an open connection, which its owner closes ({@link #close} leaves it open). */
    static Ledger over(LedgerConnection connection) {
        return new FabricLedger(connection, null);
    }

    @Override
    void close();
}
