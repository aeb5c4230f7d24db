package dev.fapiao.node.ledger;

import java.util.List;

/** A chaincode event as the node understands it (docs/ledger-model.md, "Events"). */
public sealed interface LedgerEvent {

    String txId();

    long blockNumber();

    /** {@code InvoicesAnchored}: newly anchored invoices with their anchored hashes. */
    record Anchored(String txId, long blockNumber, List<Item> items) implements LedgerEvent {
        public record Item(String invoiceId, String docHash, String metaHash, String retainUntil) {}
    }

    /** {@code InvoiceTransitioned}: a status change or legal-hold change. */
    record Transitioned(String txId, long blockNumber, String invoiceId, String action, String status,
                        boolean legalHold, String mspId, String reason) implements LedgerEvent {}

    /** Any other event (signer registry, checkpoints): recorded, nothing to apply locally. */
    record Other(String txId, long blockNumber, String name) implements LedgerEvent {}
}
