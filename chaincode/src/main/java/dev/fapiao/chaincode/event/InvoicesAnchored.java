package dev.fapiao.chaincode.event;

import java.util.List;

/** Event {@code InvoicesAnchored}. */
public record InvoicesAnchored(String txId, List<AnchoredItem> items) {
    public static final String NAME = "InvoicesAnchored";
}
