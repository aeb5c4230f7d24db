package dev.fapiao.chaincode;

import dev.fapiao.chaincode.ledger.Ledger;
import dev.fapiao.chaincode.model.Change;
import dev.fapiao.chaincode.rules.Caller;
import dev.fapiao.chaincode.rules.Times;
import java.time.Instant;

/** One transaction: its ledger view, creator and timestamp. */
record Tx(Ledger ledger, Caller caller, Instant time) {

    String txId() {
        return ledger.txId();
    }

    String at() {
        return Times.format(time);
    }

    Change change(String action, String reason, String ref) {
        return new Change(action, txId(), at(), caller.mspId(), caller.subject(), reason, ref);
    }
}
