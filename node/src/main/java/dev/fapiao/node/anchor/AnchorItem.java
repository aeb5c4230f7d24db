package dev.fapiao.node.anchor;

/**
 * One invoice waiting in the outbox to be anchored: its outbox sequence number, its id,
 * and the {@code Anchor} JSON the chaincode's {@code anchorBatch} takes for it
 * (docs/ledger-model.md).
 */
public record AnchorItem(long seq, String invoiceId, String anchorJson, String requestId) {

    /** {@code requestId}: the HTTP request that submitted the invoice, null when unknown. */
    public AnchorItem(long seq, String invoiceId, String anchorJson) {
        this(seq, invoiceId, anchorJson, null);
    }
}
