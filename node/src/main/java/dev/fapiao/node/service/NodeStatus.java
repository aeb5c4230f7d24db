package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.archive.Archive;

/**
 * What an operator looks at (the console's operator view, {@code GET /v1/node/status}): the ledger
 * height each organisation's peer reports, the anchoring backlog, the latest checkpoints and
 * renewals this node anchored, and the newest audit entries. Read-only; every call blocks (RocksDB,
 * Fabric queries), so call it off event loops. A ledger that does not answer is reported per
 * organisation, not thrown.
 */
public interface NodeStatus {

    /** A snapshot with at most {@code recent} checkpoints, renewals and audit entries (newest first). */
    JsonNode snapshot(int recent);

    /** Over the node's archive and ledger identities; {@code nodeMsp} is the node's own organisation. */
    static NodeStatus create(String nodeId, String nodeMsp, Archive archive, MemberLedgers ledgers) {
        return new LedgerNodeStatus(nodeId, nodeMsp, archive.auditLog(), archive.anchors(), ledgers);
    }
}
