package dev.fapiao.node.merkle;

/** A proof did not verify; {@link #check()} names the check that failed. */
public final class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The checks of {@link ProofVerifier}, in the order they are made. */
    public enum Check {
        /** A tree size or index is negative (they are unsigned 64-bit in the RFC; we allow 0..2^63-1). */
        NEGATIVE_VALUE,
        /** Inclusion: {@code index >= size} (includes every index in the empty tree). */
        INDEX_OUT_OF_RANGE,
        /** Consistency: {@code size1 > size2}. */
        SIZE_ORDER,
        /** Consistency: {@code size1 == 0}; a proof from the empty tree is meaningless. */
        EMPTY_OLD_TREE,
        /** Consistency: {@code size1 == size2} but the proof is not empty. */
        PROOF_NOT_EMPTY,
        /** Consistency: {@code size1 < size2} but the proof is empty. */
        PROOF_EMPTY,
        /** The leaf hash (inclusion) or the old root (consistency) is not {@code hasher.size()} bytes. */
        HASH_LENGTH,
        /** The proof has the wrong number of elements for the sizes and index. */
        PROOF_LENGTH,
        /** A proof element is not {@code hasher.size()} bytes. */
        PROOF_ELEMENT_LENGTH,
        /** The hashes do not reproduce the (new) root. */
        ROOT_MISMATCH,
        /** Consistency: the proof does not reproduce the old root. */
        OLD_ROOT_MISMATCH
    }

    private final Check check;

    public ProofException(Check check, String message) {
        super(check + ": " + message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
