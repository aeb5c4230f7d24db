package dev.fapiao.node.service;

/** The original document exceeds the configured size limit. */
public final class DocumentTooLargeException extends RuntimeException {

    private final long limit;

    public DocumentTooLargeException(long size, long limit) {
        super("document is " + size + " bytes; the limit is " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
