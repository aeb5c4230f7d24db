package dev.fapiao.node.ledger;

import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.GatewayException;

/**
 * A raw Fabric client failure, should one get past the ledger port, as the port's own errors: the
 * chaincode's refusal (final) or unavailability (retry). Callers above the node (the gateway)
 * then handle only those and never import Fabric types.
 */
public final class LedgerFailures {

    private LedgerFailures() {
    }

    /** The port's error for {@code t} when it is a Fabric client failure, else {@code t} itself. */
    public static Throwable translate(Throwable t) {
        if (t instanceof GatewayException g) {
            ChaincodeError err = ChaincodeError.of(g);
            return err != null ? new ChaincodeRefusedException(err.code(), err.message(), err.item())
                    : new LedgerUnavailableException(g.getStatus().getCode().toString(), g);
        }
        if (t instanceof CommitException c) {
            return new LedgerUnavailableException("transaction " + c.getTransactionId() + " was not committed: "
                    + c.getCode(), c);
        }
        return t;
    }
}
