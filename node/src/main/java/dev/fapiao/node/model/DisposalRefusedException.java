package dev.fapiao.node.model;

import java.time.LocalDate;

/**
 * The archive refuses to dispose an invoice on its own authority: its retention period is not
 * over, or it is under legal hold. Nothing was changed. A conflict with the invoice's state, so
 * callers answer it like the chaincode's {@code ILLEGAL_TRANSITION} (HTTP 409).
 */
public final class DisposalRefusedException extends ConflictException {

    /** Why the disposal was refused. */
    public enum Reason {
        /** The CST date is not after {@code retainUntil} yet. */
        RETENTION_NOT_OVER,
        /** A tax auditor put the invoice under legal hold. */
        LEGAL_HOLD
    }

    private final String invoiceId;
    private final Reason reason;
    private final LocalDate retainUntil;

    public DisposalRefusedException(String invoiceId, Reason reason, LocalDate retainUntil, LocalDate today) {
        super(message(invoiceId, reason, retainUntil, today));
        this.invoiceId = invoiceId;
        this.reason = reason;
        this.retainUntil = retainUntil;
    }

    /** The refusal's wording, shared by the archive and the gateway's pre-check. */
    public static String message(String invoiceId, Reason reason, LocalDate retainUntil, LocalDate today) {
        return switch (reason) {
            case LEGAL_HOLD -> "invoice " + invoiceId + " is under legal hold and cannot be disposed"
                    + " until a tax auditor lifts the hold (LEGAL_HOLD_OFF)";
            case RETENTION_NOT_OVER -> "invoice " + invoiceId + " must be retained until " + retainUntil
                    + "; it can be disposed from " + retainUntil.plusDays(1) + " (China Standard Time; today is "
                    + today + ")";
        };
    }

    public String invoiceId() {
        return invoiceId;
    }

    public Reason reason() {
        return reason;
    }

    public LocalDate retainUntil() {
        return retainUntil;
    }
}
