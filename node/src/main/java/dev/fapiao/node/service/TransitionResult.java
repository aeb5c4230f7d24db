package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A committed transition: the transaction, its block, and the ledger's record of the invoice after it. */
public record TransitionResult(Transition transition, String txId, long blockNumber, JsonNode ledgerRecord) {

    /** The invoice's status on the ledger after the transition. */
    public String status() {
        return ledgerRecord.path("status").asText();
    }

    public boolean legalHold() {
        return ledgerRecord.path("legalHold").asBoolean();
    }
}
