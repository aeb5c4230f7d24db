package dev.fapiao.node.renewal;

/** The chaincode refused a renewal with one of its final codes (e.g. {@code CONFLICT}). */
public final class RenewalRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public RenewalRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The chaincode's error code. */
    public String code() {
        return code;
    }
}
