package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.opt;
import static dev.fapiao.node.archive.Codec.req;

import dev.fapiao.node.model.AuditEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Audit entries ({@code audit}: seq u64 BE → framed JSON; docs/archive.md). Stateless. */
final class AuditCodec {

    private AuditCodec() {}

    static byte[] encodeAudit(AuditEntry e) {
        ObjectNode n = Codec.JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("target", e.target());
        n.put("detail", e.detail());
        if (e.requestId() != null) {
            n.put("requestId", e.requestId());
        }
        if (e.tokenId() != null) {
            n.put("tokenId", e.tokenId());
        }
        return Codec.json(n);
    }

    static AuditEntry decodeAudit(byte[] key, byte[] payload) {
        JsonNode n = Codec.parse(Cf.AUDIT, key, payload);
        try {
            return new AuditEntry(Codec.u64(key), Instant.parse(req(n, "time")), opt(n, "actor"), opt(n, "action"),
                    opt(n, "target"), opt(n, "detail"), opt(n, "requestId"), opt(n, "tokenId"));
        } catch (RuntimeException e) {
            throw Codec.corrupt(Cf.AUDIT, key, "undecodable record (" + e.getMessage() + ")");
        }
    }
}
