package dev.fapiao.node.model;

/**
 * The archive's filesystem is (nearly) full: the write was refused and nothing of it was
 * written. Retry once space has been freed; the node recovers without a restart.
 */
public class StorageFullException extends ArchiveException {
    public StorageFullException(String message) {
        super(message);
    }

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
