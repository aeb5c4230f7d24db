package dev.fapiao.chaincode.crypto;

/** Malformed key, certificate, PEM or signature input (the caller names the field). */
public final class CryptoFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public CryptoFormatException(String message) {
        super(message);
    }
}
