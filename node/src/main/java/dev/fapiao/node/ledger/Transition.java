package dev.fapiao.node.ledger;

import java.util.Objects;

/**
 * A status or legal-hold transition of one invoice ({@code transition}; docs/ledger-model.md,
 * "Transitions"): action (DELIVER, ACCEPT, RED_REVERSE, LEGAL_HOLD_ON, LEGAL_HOLD_OFF, DISPOSE),
 * the required reason and a reference ("" when none, e.g. the red-letter invoice's id).
 */
public record Transition(String invoiceId, String action, String reason, String ref) {
    public Transition {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        ref = ref == null ? "" : ref;
    }

    /** The committed transition and the invoice record it wrote. */
    public record Result(String txId, long blockNumber, InvoiceRecord record) {
    }
}
