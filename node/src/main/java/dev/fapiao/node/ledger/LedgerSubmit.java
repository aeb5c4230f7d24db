package dev.fapiao.node.ledger;

import dev.fapiao.node.anchor.LedgerUnavailableException;
import java.util.function.BiFunction;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Status;

/**
 * Endorse, order and wait for the commit of one node transaction (checkpoints, renewals), sorting
 * the failures: a chaincode refusal (a {@link ChaincodeError} at endorsement) is the caller's own
 * exception, anything else — no endorsement, ordering, commit status, a transaction committed as
 * invalid — is {@link LedgerUnavailableException} (retry later).
 */
public final class LedgerSubmit {

    /** The committed transaction. */
    public record Committed(String txId, long blockNumber) {}

    private LedgerSubmit() {
    }

    /** {@code refused} makes the exception for a refusal from the chaincode's code and message. */
    public static <E extends Exception> Committed submit(Proposal proposal, String what,
            BiFunction<String, String, E> refused) throws E, LedgerUnavailableException {
        try {
            SubmittedTransaction tx = proposal.endorse().submitAsync();
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw new LedgerUnavailableException(what + " transaction " + status.getTransactionId()
                        + " committed as invalid: " + status.getCode(), null);
            }
            return new Committed(tx.getTransactionId(), status.getBlockNumber());
        } catch (EndorseException e) {
            ChaincodeError error = ChaincodeError.of(e);
            if (error != null) {
                throw refused.apply(error.code(), error.message());
            }
            throw new LedgerUnavailableException("endorsement failed: " + e.getMessage(), e);
        } catch (SubmitException | CommitStatusException e) {
            throw new LedgerUnavailableException("ordering or commit status failed: " + describe(e), e);
        }
    }

    /** The chaincode's message when the error carries one, else the gateway's. */
    public static String describe(GatewayException e) {
        ChaincodeError error = ChaincodeError.of(e);
        return error != null ? error.message() : e.getMessage();
    }
}
