package dev.fapiao.chaincode.rules;

import org.hyperledger.fabric.shim.ChaincodeException;

/** A refusal: a {@link ChaincodeException} whose message is {@code CODE: detail}. */
public final class LedgerException extends ChaincodeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;

    public LedgerException(ErrorCode code, String detail) {
        super(code.name() + ": " + detail);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The same refusal with a prefix on its detail, e.g. {@code item 17 (id): }. */
    public LedgerException prefixed(String prefix) {
        return new LedgerException(code, prefix + detail);
    }
}
