package dev.fapiao.node.model;

/** Base of the archive's exceptions; messages are meant for operators and callers. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
