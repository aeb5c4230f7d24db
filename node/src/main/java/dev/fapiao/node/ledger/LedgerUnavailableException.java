package dev.fapiao.node.ledger;

/**
 * The ledger could not take, answer or commit a call now (peer or orderer unreachable, timeout,
 * a transaction committed as invalid such as an MVCC conflict): retrying later may succeed.
 */
public final class LedgerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String txId;

    public LedgerUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    LedgerUnavailableException(String message, Throwable cause, String txId) {
        super(message, cause);
        this.txId = txId;
    }

    /** The transaction that was ordered but committed as invalid, or null when none got that far. */
    public String txId() {
        return txId;
    }
}
