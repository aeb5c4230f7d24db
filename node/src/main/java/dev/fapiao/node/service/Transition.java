package dev.fapiao.node.service;

import java.util.Objects;

/** A status change asked of the ledger: what, why, and an optional reference (e.g. the red-letter invoice). */
public record Transition(String invoiceId, Action action, String reason, String ref) {

    /** The chaincode's transitions (docs/ledger-model.md). */
    public enum Action {
        DELIVER, ACCEPT, RED_REVERSE, DISPOSE, LEGAL_HOLD_ON, LEGAL_HOLD_OFF;

        /** Legal holds are set and lifted by tax auditors only; the rest by the invoice's enterprise. */
        public boolean byAuditor() {
            return this == LEGAL_HOLD_ON || this == LEGAL_HOLD_OFF;
        }
    }

    public Transition {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        ref = ref == null ? "" : ref;
    }
}
