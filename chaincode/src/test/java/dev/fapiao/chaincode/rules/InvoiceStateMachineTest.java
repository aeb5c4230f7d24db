package dev.fapiao.chaincode.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.chaincode.model.InvoiceKind;
import dev.fapiao.chaincode.model.InvoiceRecord;
import dev.fapiao.chaincode.model.InvoiceStatus;
import dev.fapiao.chaincode.model.TransitionAction;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every (status, legal hold, action) combination against the spec's transition table. */
class InvoiceStateMachineTest {

    static final String ID = "91350100M000100Y4300000000000000000001";
    static final String RED = "91350100M000100Y4300000000000000000002";
    static final LocalDate RETAIN = LocalDate.parse("2041-11-20");
    static final LocalDate AFTER = RETAIN.plusDays(1);

    static InvoiceRecord invoice(InvoiceStatus status, boolean hold) {
        return new InvoiceRecord(ID, ID.substring(0, 18), ID.substring(18), "a".repeat(64), "b".repeat(64),
                "2026-11-20T02:30:00Z", RETAIN.toString(), InvoiceKind.NORMAL, null, List.of(), status, hold, "tx",
                "2026-11-20T02:30:00Z", null, null);
    }

    static InvoiceRecord redLetter(String issuerPart, String reverses, InvoiceKind kind) {
        String id = issuerPart + RED.substring(18);
        return new InvoiceRecord(id, issuerPart, RED.substring(18), "c".repeat(64), "d".repeat(64),
                "2026-11-21T02:30:00Z", RETAIN.toString(), kind, reverses, List.of(), InvoiceStatus.ISSUED, false, "tx",
                "2026-11-21T02:30:00Z", null, null);
    }

    /** Expected outcome, or null when illegal. */
    static InvoiceStateMachine.Outcome expected(InvoiceStatus s, boolean hold, TransitionAction a) {
        if (s == InvoiceStatus.DISPOSED) {
            return null;
        }
        switch (a) {
            case DELIVER:
                return s == InvoiceStatus.ISSUED ? new InvoiceStateMachine.Outcome(InvoiceStatus.DELIVERED, hold) : null;
            case ACCEPT:
                return s == InvoiceStatus.DELIVERED ? new InvoiceStateMachine.Outcome(InvoiceStatus.ACCEPTED, hold) : null;
            case RED_REVERSE:
                return s == InvoiceStatus.ISSUED || s == InvoiceStatus.DELIVERED || s == InvoiceStatus.ACCEPTED
                        ? new InvoiceStateMachine.Outcome(InvoiceStatus.RED_REVERSED, hold) : null;
            case LEGAL_HOLD_ON:
                return hold ? null : new InvoiceStateMachine.Outcome(s, true);
            case LEGAL_HOLD_OFF:
                return hold ? new InvoiceStateMachine.Outcome(s, false) : null;
            case DISPOSE:
                return hold ? null : new InvoiceStateMachine.Outcome(InvoiceStatus.DISPOSED, false);
            default:
                throw new AssertionError();
        }
    }

    @Test
    void fullMatrix() {
        int legal = 0;
        int illegal = 0;
        InvoiceRecord red = redLetter(ID.substring(0, 18), ID, InvoiceKind.RED_LETTER);
        for (InvoiceStatus s : InvoiceStatus.values()) {
            for (boolean hold : new boolean[] {false, true}) {
                for (TransitionAction a : TransitionAction.values()) {
                    InvoiceRecord r = invoice(s, hold);
                    InvoiceStateMachine.Outcome want = expected(s, hold, a);
                    if (want == null) {
                        LedgerException e = assertThrows(LedgerException.class,
                                () -> InvoiceStateMachine.apply(r, a, AFTER, red), s + "/" + hold + "/" + a);
                        assertEquals(ErrorCode.ILLEGAL_TRANSITION, e.code());
                        assertTrue(e.getMessage().startsWith("ILLEGAL_TRANSITION: " + a + " of " + ID));
                        illegal++;
                    } else {
                        assertEquals(want, InvoiceStateMachine.apply(r, a, AFTER, red), s + "/" + hold + "/" + a);
                        legal++;
                    }
                }
            }
        }
        assertEquals(60, legal + illegal);
        // DELIVER 2 + ACCEPT 2 + RED_REVERSE 6 + HOLD_ON 4 + HOLD_OFF 4 + DISPOSE 4
        assertEquals(22, legal);
    }

    @Test
    void disposalDateBoundary() {
        InvoiceRecord r = invoice(InvoiceStatus.ACCEPTED, false);
        assertThrows(LedgerException.class, () -> InvoiceStateMachine.apply(r, TransitionAction.DISPOSE, RETAIN, null));
        assertEquals(InvoiceStatus.DISPOSED,
                InvoiceStateMachine.apply(r, TransitionAction.DISPOSE, AFTER, null).status());
    }

    @Test
    void redLetterMustMatch() {
        InvoiceRecord r = invoice(InvoiceStatus.ISSUED, false);
        String other = "91350100MA0000007" + "X";
        for (InvoiceRecord bad : List.of(redLetter(ID.substring(0, 18), ID, InvoiceKind.NORMAL),
                redLetter(ID.substring(0, 18), RED, InvoiceKind.RED_LETTER),
                redLetter(other, ID, InvoiceKind.RED_LETTER))) {
            LedgerException e = assertThrows(LedgerException.class,
                    () -> InvoiceStateMachine.apply(r, TransitionAction.RED_REVERSE, AFTER, bad));
            assertEquals(ErrorCode.ILLEGAL_TRANSITION, e.code());
        }
    }
}
