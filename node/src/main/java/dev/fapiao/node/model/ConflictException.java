package dev.fapiao.node.model;

/** The request contradicts what is archived (e.g. same invoice id, different content). */
public class ConflictException extends ArchiveException {
    public ConflictException(String message) {
        super(message);
    }
}
