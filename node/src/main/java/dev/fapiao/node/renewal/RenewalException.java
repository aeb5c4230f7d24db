package dev.fapiao.node.renewal;

/**
 * A renewal could not be completed: the ledger refused it, stayed unreachable, or the archive or
 * the local renewal state is not what a renewal needs. Nothing inconsistent was anchored; running
 * the renewal again resumes it (docs/renewal.md, "Crashes and retries").
 */
public final class RenewalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenewalException(String message) {
        super(message);
    }

    public RenewalException(String message, Throwable cause) {
        super(message, cause);
    }
}
