package dev.fapiao.node.merkle.store;

/** A storage failure or an inconsistency found in a stored log. */
class MerkleStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MerkleStoreException(String message) {
        super(message);
    }

    public MerkleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
