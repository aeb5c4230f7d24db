package dev.fapiao.node.model;

/**
 * A stored value failed its integrity check (or could not be decoded). The value is never
 * served; the operator should restore the named record from a backup or re-sync it.
 */
public class CorruptedRecordException extends ArchiveException {
    private final String columnFamily;
    private final String key;

    public CorruptedRecordException(String columnFamily, String key, String problem) {
        super("corrupted value in column family '" + columnFamily + "' at key " + key + ": " + problem);
        this.columnFamily = columnFamily;
        this.key = key;
    }

    public String columnFamily() {
        return columnFamily;
    }

    /** A printable form of the key (text when printable, else hex). */
    public String key() {
        return key;
    }
}
