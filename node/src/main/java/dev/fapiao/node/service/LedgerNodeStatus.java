package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.archive.AuditLog;
import dev.fapiao.node.ledger.CheckpointRecord;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerRenewal;
import dev.fapiao.node.ledger.LedgerVersion;
import dev.fapiao.node.model.AuditEntry;
import java.util.List;
import java.util.Map;

/** {@link NodeStatus} from the archive's audit log and outbox and the ledger's queries. */
final class LedgerNodeStatus implements NodeStatus {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String nodeId;
    private final String nodeMsp;
    private final AuditLog audit;
    private final AnchorStore anchors;
    private final MemberLedgers ledgers;

    LedgerNodeStatus(String nodeId, String nodeMsp, AuditLog audit, AnchorStore anchors, MemberLedgers ledgers) {
        this.nodeId = nodeId;
        this.nodeMsp = nodeMsp;
        this.audit = audit;
        this.anchors = anchors;
        this.ledgers = ledgers;
    }

    @Override
    public JsonNode snapshot(int recent) {
        if (recent < 1) {
            throw new IllegalArgumentException("recent must be positive");
        }
        ObjectNode out = F.objectNode().put("nodeId", nodeId);
        out.putObject("backlog").put("outbox", anchors.outboxSize());
        ArrayNode orgs = out.putArray("organisations");
        for (Map.Entry<String, Ledger> e : ledgers.byOrganisation(nodeMsp).entrySet()) {
            orgs.add(height(e.getKey(), e.getValue()));
        }
        Ledger ledger = ledgers.reader(ActingAs.ENTERPRISE);
        out.set("checkpoints", checkpoints(ledger, recent));
        out.set("renewals", renewals(ledger, recent));
        ArrayNode entries = out.putArray("audit");
        List<AuditEntry> newest = audit.read(Math.max(0, audit.lastSeq() - recent), recent);
        for (int i = newest.size() - 1; i >= 0; i--) {
            AuditEntry a = newest.get(i);
            entries.addObject().put("seq", a.seq()).put("time", a.time().toString()).put("actor", a.actor())
                    .put("action", a.action()).put("target", a.target()).put("detail", a.detail());
        }
        return out;
    }

    private static ObjectNode height(String msp, Ledger ledger) {
        ObjectNode o = F.objectNode().put("mspId", msp);
        try {
            return o.put("height", ledger.chainHeight());
        } catch (Exception e) {
            // one organisation's peer being down is what the operator needs to see, not a failed page
            return o.put("error", String.valueOf(e.getMessage()));
        }
    }

    private JsonNode checkpoints(Ledger ledger, int recent) {
        ArrayNode arr = F.arrayNode();
        try {
            for (LedgerVersion<CheckpointRecord> v : ledger.checkpointHistory(nodeId)) {
                if (arr.size() == recent) {
                    break;
                }
                CheckpointRecord c = v.value();
                ObjectNode o = arr.addObject().put("txId", v.txId()).put("timestamp", v.timestamp());
                if (c != null) {
                    o.put("treeSize", c.treeSize()).put("rootHash", c.rootHash()).put("keyId", c.keyId());
                }
            }
            return arr;
        } catch (Exception e) {
            return F.objectNode().put("error", String.valueOf(e.getMessage()));
        }
    }

    private JsonNode renewals(Ledger ledger, int recent) {
        ArrayNode arr = F.arrayNode();
        try {
            List<LedgerRenewal> all = ledger.renewals(nodeId);
            for (int i = all.size() - 1; i >= 0 && arr.size() < recent; i--) {
                LedgerRenewal r = all.get(i);
                arr.addObject().put("sequence", r.sequence()).put("algorithm", r.algorithm())
                        .put("treeSize", r.treeSize()).put("rootHash", r.rootHash())
                        .put("anchoredTxId", r.anchoredTxId()).put("anchoredAt", r.anchoredAt());
            }
            return arr;
        } catch (Exception e) {
            return F.objectNode().put("error", String.valueOf(e.getMessage()));
        }
    }
}
