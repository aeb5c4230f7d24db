package dev.fapiao.chaincode.event;

/** One newly anchored invoice in an {@code InvoicesAnchored} event. */
public record AnchoredItem(String invoiceId, String docHash, String metaHash, String retainUntil) {
}
