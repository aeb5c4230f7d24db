package dev.fapiao.node.model;

/**
 * A status transition refused before any ledger round trip because the archived record already
 * shows the chaincode would refuse it (a disposed invoice, a disposal under hold or within
 * retention). Answered like the chaincode's {@code ILLEGAL_TRANSITION}.
 */
public final class TransitionRefusedException extends ConflictException {

    public TransitionRefusedException(String message) {
        super(message);
    }
}
