package dev.fapiao.node.model;

/** The archive's write queue is full; retry later (the request was not accepted). */
public class BackpressureException extends ArchiveException {
    public BackpressureException(String message) {
        super(message);
    }
}
