package dev.fapiao.node.anchor;

/** The chaincode refused item {@code index} of a batch; retrying it cannot help. */
public final class ItemRejectedException extends Exception {

    private final int index;

    public ItemRejectedException(int index, String message) {
        super(message);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
