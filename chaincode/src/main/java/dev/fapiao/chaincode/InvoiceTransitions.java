package dev.fapiao.chaincode;

import dev.fapiao.chaincode.event.InvoiceTransitioned;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.model.InvoiceRecord;
import dev.fapiao.chaincode.model.TransitionAction;
import dev.fapiao.chaincode.rules.AccessPolicy;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.InvoiceId;
import dev.fapiao.chaincode.rules.InvoiceStateMachine;
import dev.fapiao.chaincode.rules.Times;

/** transition(invoiceId, action, reason, ref). */
final class InvoiceTransitions {

    InvoiceRecord transition(Tx tx, String invoiceId, String actionText, String reasonText, String refText) {
        InvoiceId id = InvoiceId.parse("invoiceId", invoiceId);
        TransitionAction action = Fields.enumValue("action", actionText, TransitionAction.class);
        String reason = Fields.text("reason", reasonText);
        String ref = Fields.optionalText("ref", refText);
        if (action == TransitionAction.RED_REVERSE) {
            if (ref == null) {
                throw Fields.invalid("ref", "RED_REVERSE needs the id of the red-letter invoice");
            }
            ref = InvoiceId.parse("ref", ref).value();
        }
        AccessPolicy.requireTransition(tx.caller(), action);
        InvoiceRecord current = require(tx, id.value(), "invoice");
        InvoiceRecord redLetter = action == TransitionAction.RED_REVERSE ? require(tx, ref, "ref: red-letter invoice")
                : null;
        InvoiceStateMachine.Outcome outcome =
                InvoiceStateMachine.apply(current, action, Times.cstDate(tx.time()), redLetter);
        InvoiceRecord updated = current.withTransition(outcome.status(), outcome.legalHold(),
                tx.change(action.name(), reason, ref));
        tx.ledger().put(Keys.invoice(id.value()), updated);
        tx.ledger().emit(InvoiceTransitioned.NAME, new InvoiceTransitioned(tx.txId(), id.value(), action,
                updated.status(), updated.legalHold(), tx.caller().mspId(), reason, ref));
        return updated;
    }

    private static InvoiceRecord require(Tx tx, String id, String what) {
        InvoiceRecord r = tx.ledger().get(Keys.invoice(id), InvoiceRecord.class);
        if (r == null) {
            throw ErrorCode.NOT_FOUND.error(what + " " + id + " is not anchored");
        }
        return r;
    }
}
