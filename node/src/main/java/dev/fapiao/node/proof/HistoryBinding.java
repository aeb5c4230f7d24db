package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.FabricEvidence;
import dev.fapiao.node.proof.RetentionProof.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code status-history}: every history entry the bundle carries is bound to a block it carries
 * (docs/retention-proof.md): the newest to {@code status.evidence}, the oldest to {@code anchoring};
 * each entry's time, status, hold, action, reason and MSP are those of the record its transaction
 * wrote and of the transaction's channel header. An entry no carried block binds is refused.
 */
final class HistoryBinding {
    private HistoryBinding() {
    }

    /**
     * @param anchored the record the anchoring transaction wrote (null when unreadable)
     * @param latest   the record {@code status.evidence} wrote (null when unreadable or no evidence)
     */
    static CheckResult check(RetentionProof p, JsonNode anchored, JsonNode latest) {
        String name = "status-history";
        List<HistoryEntry> history = p.status().history();
        BlockEvidence ev = p.status().evidence();
        int expected = ev == null ? 1 : 2;
        if (history.size() != expected) {
            return CheckResult.fail(name, history.size() + " history entries, but the bundle's blocks bind "
                    + expected + (ev == null ? " (the anchoring)" : " (status.evidence and the anchoring)")
                    + "; the ledger has the full history");
        }
        String problem = ev == null ? null : entry(history.get(0), ev, latest, false);
        if (problem == null) {
            problem = entry(history.get(history.size() - 1), p.anchoring(), anchored, true);
        }
        return problem == null ? CheckResult.pass(name, history.size() + " entries, each bound to its block")
                : CheckResult.fail(name, problem);
    }

    private static String entry(HistoryEntry e, BlockEvidence ev, JsonNode record, boolean anchoring) {
        String at = "history entry " + e.txId();
        if (!Objects.equals(e.txId(), ev.txId())) {
            return "history entry " + e.txId() + " is not transaction " + ev.txId() + " of the carried block";
        }
        if (record == null) {
            return at + ": no readable record written by it";
        }
        Instant txTime;
        try {
            txTime = FabricEvidence.txTimestamp(ev);
            if (!Instant.parse(e.timestamp()).equals(txTime)) {
                return at + ": timestamp " + e.timestamp() + ", the transaction's is " + txTime;
            }
        } catch (RuntimeException x) {
            return at + ": unusable timestamp: " + x.getMessage();
        }
        if (!Objects.equals(e.status(), record.path("status").asText(null))
                || !record.path("legalHold").isBoolean() || record.path("legalHold").asBoolean() != e.legalHold()) {
            return at + ": status " + e.status() + "/legalHold " + e.legalHold() + ", the record written says "
                    + record.path("status") + "/legalHold " + record.path("legalHold");
        }
        JsonNode change = record.path("lastChange");
        String action = anchoring ? "ANCHOR" : change.path("action").asText(null);
        JsonNode reason = anchoring ? null : change.get("reason");
        String mspId = anchoring ? record.path("anchoredBy").path("mspId").asText(null)
                : change.path("mspId").asText(null);
        if (anchoring && !change.isMissingNode() && !change.isNull()) {
            return at + ": the anchoring record already carries a change";
        }
        if (!anchoring && !Objects.equals(ev.txId(), change.path("txId").asText(null))) {
            return at + ": the record's last change is by " + change.path("txId") + ", not by this transaction";
        }
        if (!Objects.equals(e.action(), action)) {
            return at + ": action " + e.action() + ", the record written says " + action;
        }
        String written = reason == null || reason.isNull() ? null : reason.isTextual() ? reason.asText() : reason.toString();
        if (!Objects.equals(e.reason(), written)) {
            return at + ": reason " + e.reason() + ", the record written says " + written;
        }
        if (!Objects.equals(e.mspId(), mspId)) {
            return at + ": mspId " + e.mspId() + ", the record written says " + mspId;
        }
        return null;
    }
}
