package dev.fapiao.node.anchor;

/** The ledger could not take or commit the batch now; the pipeline retries with backoff. */
public final class LedgerUnavailableException extends Exception {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
