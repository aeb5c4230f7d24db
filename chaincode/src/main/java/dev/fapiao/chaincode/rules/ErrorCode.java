package dev.fapiao.chaincode.rules;

/** The stable error codes every refusal's message starts with. */
public enum ErrorCode {
    INVALID_ARGUMENT, NOT_FOUND, CONFLICT, FORBIDDEN, INVALID_SIGNATURE, ILLEGAL_TRANSITION;

    /** An exception whose message is {@code CODE: detail}. */
    public LedgerException error(String detail) {
        return new LedgerException(this, detail);
    }
}
