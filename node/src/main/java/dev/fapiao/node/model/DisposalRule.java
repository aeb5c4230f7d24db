package dev.fapiao.node.model;

import dev.fapiao.node.seal.SealEncoding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The retention rule for disposing of an invoice on the node's own authority, as the chaincode
 * applies it at the transaction time: never under legal hold, and only once the China Standard
 * Time date is after {@code retainUntil}.
 */
public final class DisposalRule {

    private DisposalRule() {
    }

    /** The CST calendar date of {@code now} (dates on the ledger are CST). */
    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, SealEncoding.CST);
    }

    /** Why {@code invoice} may not be disposed of on {@code today} (CST), or empty when it may. */
    public static Optional<DisposalRefusedException.Reason> refusal(ArchivedInvoice invoice, LocalDate today) {
        if (invoice.legalHold()) {
            return Optional.of(DisposalRefusedException.Reason.LEGAL_HOLD);
        }
        if (!today.isAfter(invoice.retainUntil())) {
            return Optional.of(DisposalRefusedException.Reason.RETENTION_NOT_OVER);
        }
        return Optional.empty();
    }
}
