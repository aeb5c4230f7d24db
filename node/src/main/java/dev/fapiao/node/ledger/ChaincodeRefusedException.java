package dev.fapiao.node.ledger;

/**
 * The chaincode refused a call with one of its final codes (docs/ledger-model.md): retrying the
 * same input cannot change the answer. For a batch, {@link #item()} is the refused item's index.
 */
public final class ChaincodeRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int item;

    /** A refusal that names no batch item. */
    public ChaincodeRefusedException(String code, String message) {
        this(code, message, -1);
    }

    public ChaincodeRefusedException(String code, String message, int item) {
        super(message);
        this.code = code;
        this.item = item;
    }

    ChaincodeRefusedException(ChaincodeError error) {
        this(error.code(), error.message(), error.item());
    }

    /** The chaincode's error code, e.g. {@code CONFLICT} or {@code NOT_FOUND}. */
    public String code() {
        return code;
    }

    /** The batch index from "item N" in the message, or -1. */
    public int item() {
        return item;
    }
}
