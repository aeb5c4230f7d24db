package dev.fapiao.node.checkpoint;

/**
 * The chaincode refused the checkpoint with one of its final codes (e.g. {@code CONFLICT}: not an
 * append-only extension of the anchored one). Retrying the same checkpoint cannot succeed.
 */
public final class CheckpointRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public CheckpointRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The chaincode's error code, e.g. {@code CONFLICT}. */
    public String code() {
        return code;
    }
}
