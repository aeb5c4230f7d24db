package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.instant;
import static dev.fapiao.node.archive.Codec.opt;
import static dev.fapiao.node.archive.Codec.req;
import static dev.fapiao.node.archive.Codec.str;

import dev.fapiao.node.model.AnchorState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anchor states ({@code anchors}: id UTF-8 → framed JSON) and outbox entries ({@code outbox}:
 * seq u64 BE → framed JSON; docs/archive.md). Stateless.
 */
final class AnchorCodec {

    private AnchorCodec() {}

    static byte[] encodeAnchor(AnchorState a) {
        ObjectNode n = Codec.JSON.createObjectNode();
        n.put("phase", a.phase().name());
        n.put("txId", a.txId());
        n.put("blockNumber", a.blockNumber());
        n.put("commitTime", str(a.commitTime()));
        n.put("attempts", a.attempts());
        n.put("lastError", a.lastError());
        n.put("updatedAt", str(a.updatedAt()));
        return Codec.json(n);
    }

    static AnchorState decodeAnchor(byte[] key, byte[] payload) {
        JsonNode n = Codec.parse(Cf.ANCHORS, key, payload);
        try {
            return new AnchorState(AnchorState.Phase.valueOf(req(n, "phase")), opt(n, "txId"),
                    n.path("blockNumber").asLong(-1), instant(opt(n, "commitTime")), n.path("attempts").asInt(),
                    opt(n, "lastError"), instant(opt(n, "updatedAt")));
        } catch (RuntimeException e) {
            throw Codec.corrupt(Cf.ANCHORS, key, "undecodable record (" + e.getMessage() + ")");
        }
    }

    static byte[] encodeOutbox(OutboxEntry e) {
        ObjectNode n = Codec.JSON.createObjectNode();
        n.put("invoiceId", e.invoiceId());
        n.put("kind", e.kind().name());
        n.put("payload", e.payload());
        if (e.requestId() != null) {
            n.put("requestId", e.requestId());
        }
        return Codec.json(n);
    }

    static OutboxEntry decodeOutbox(byte[] key, byte[] payload) {
        JsonNode n = Codec.parse(Cf.OUTBOX, key, payload);
        try {
            return new OutboxEntry(Codec.u64(key), req(n, "invoiceId"), OutboxEntry.Kind.valueOf(req(n, "kind")),
                    opt(n, "payload"), opt(n, "requestId"));
        } catch (RuntimeException e) {
            throw Codec.corrupt(Cf.OUTBOX, key, "undecodable record (" + e.getMessage() + ")");
        }
    }
}
