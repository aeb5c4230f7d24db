package dev.fapiao.node.evidence;

/** A bundle or trust file that cannot be read at all (as opposed to one whose checks fail). */
public final class MalformedProofException extends RuntimeException {
    public MalformedProofException(String message) {
        super(message);
    }
}
