package dev.fapiao.node.crypto;

/** Input that is not a well-formed SM2 key, PEM block, certificate or signature encoding. */
public final class CryptoFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoFormatException(String message) {
        super(message);
    }

    public CryptoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
