package dev.fapiao.chaincode.rules;

import dev.fapiao.chaincode.model.InvoiceKind;
import dev.fapiao.chaincode.model.InvoiceRecord;
import dev.fapiao.chaincode.model.InvoiceStatus;
import dev.fapiao.chaincode.model.TransitionAction;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** The invoice lifecycle rules (who is checked by {@link AccessPolicy}); failures are ILLEGAL_TRANSITION. */
public final class InvoiceStateMachine {

    /** Status and legal hold after a transition. */
    public record Outcome(InvoiceStatus status, boolean legalHold) {
    }

    private static final Set<InvoiceStatus> REVERSIBLE =
            EnumSet.of(InvoiceStatus.ISSUED, InvoiceStatus.DELIVERED, InvoiceStatus.ACCEPTED);

    private InvoiceStateMachine() {
    }

    /**
     * @param current the invoice
     * @param action what to do
     * @param txDate the transaction's date in China Standard Time
     * @param redLetter for RED_REVERSE: the anchored invoice named by {@code ref} (else ignored)
     */
    public static Outcome apply(InvoiceRecord current, TransitionAction action, LocalDate txDate,
            InvoiceRecord redLetter) {
        InvoiceStatus status = current.status();
        if (status == InvoiceStatus.DISPOSED) {
            throw illegal(current, action, "the invoice is DISPOSED");
        }
        switch (action) {
            case DELIVER:
                requireStatus(current, action, EnumSet.of(InvoiceStatus.ISSUED));
                return new Outcome(InvoiceStatus.DELIVERED, current.legalHold());
            case ACCEPT:
                requireStatus(current, action, EnumSet.of(InvoiceStatus.DELIVERED));
                return new Outcome(InvoiceStatus.ACCEPTED, current.legalHold());
            case RED_REVERSE:
                requireStatus(current, action, REVERSIBLE);
                checkRedLetter(current, redLetter);
                return new Outcome(InvoiceStatus.RED_REVERSED, current.legalHold());
            case LEGAL_HOLD_ON:
                if (current.legalHold()) {
                    throw illegal(current, action, "the invoice is already under legal hold");
                }
                return new Outcome(status, true);
            case LEGAL_HOLD_OFF:
                if (!current.legalHold()) {
                    throw illegal(current, action, "the invoice is not under legal hold");
                }
                return new Outcome(status, false);
            case DISPOSE:
                if (current.legalHold()) {
                    throw illegal(current, action, "the invoice is under legal hold");
                }
                LocalDate retainUntil = LocalDate.parse(current.retainUntil());
                if (!txDate.isAfter(retainUntil)) {
                    throw illegal(current, action, "it must be retained until " + retainUntil
                            + " (transaction date " + txDate + " CST)");
                }
                return new Outcome(InvoiceStatus.DISPOSED, false);
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    private static void checkRedLetter(InvoiceRecord current, InvoiceRecord red) {
        if (red == null) {
            throw new IllegalArgumentException("RED_REVERSE needs the red-letter invoice");
        }
        String id = red.invoiceId();
        if (red.kind() != InvoiceKind.RED_LETTER) {
            throw illegal(current, TransitionAction.RED_REVERSE, "ref " + id + " is a " + red.kind()
                    + " invoice, not RED_LETTER");
        }
        if (!red.issuer().equals(current.issuer())) {
            throw illegal(current, TransitionAction.RED_REVERSE, "ref " + id + " was issued by " + red.issuer()
                    + ", not by " + current.issuer());
        }
        if (!current.invoiceId().equals(red.reverses())) {
            throw illegal(current, TransitionAction.RED_REVERSE, "ref " + id + " reverses " + red.reverses()
                    + ", not this invoice");
        }
    }

    private static void requireStatus(InvoiceRecord current, TransitionAction action, Set<InvoiceStatus> allowed) {
        if (!allowed.contains(current.status())) {
            throw illegal(current, action, "allowed only from " + allowed);
        }
    }

    private static LedgerException illegal(InvoiceRecord current, TransitionAction action, String why) {
        return ErrorCode.ILLEGAL_TRANSITION.error(action + " of " + current.invoiceId() + " in status "
                + current.status() + (current.legalHold() ? " (legal hold)" : "") + ": " + why);
    }
}
