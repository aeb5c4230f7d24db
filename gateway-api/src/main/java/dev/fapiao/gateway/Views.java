package dev.fapiao.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.SealRef;
import dev.fapiao.node.service.Receipt;
import java.time.Instant;

/** JSON views of the node's values (field names as in docs/gateway.md). */
final class Views {

    private Views() {
    }

    static ObjectNode receipt(Receipt r) {
        ObjectNode o = invoice(r.invoice(), r.anchor(), false);
        o.put("existing", r.existing());
        return o;
    }

    static ObjectNode invoice(ArchivedInvoice i, AnchorState a, boolean withMetadata) {
        ObjectNode o = Json.object();
        o.put("invoiceId", i.invoiceId())
                .put("issuer", i.issuer())
                .put("number", i.number())
                .put("issueTime", str(i.issueTime()))
                .put("issueDate", i.issueDate().toString())
                .put("docHash", i.docHash())
                .put("metaHash", i.metaHash())
                .put("retainUntil", i.retainUntil().toString())
                .put("contentType", i.contentType())
                .put("documentSize", i.documentSize())
                .put("status", i.status().name())
                .put("legalHold", i.legalHold())
                .put("receivedAt", str(i.receivedAt()))
                .put("updatedAt", str(i.updatedAt()))
                .put("disposedAt", str(i.disposedAt()));
        o.set("seal", seal(i.seal()));
        // absent, never null, when there is none (the contract's Seal and Anchor are not nullable)
        if (i.enterpriseSignature() != null) {
            o.set("enterpriseSignature", seal(i.enterpriseSignature()));
        }
        if (a != null) {
            o.set("anchor", anchor(a));
        }
        // the node's claim about the document (docs/documents.md); null when it did not read it
        o.set("documentCheck", i.documentCheck() == null ? null
                : Json.parseLedger(i.documentCheck().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        i.flags().forEach(o.putArray("flags")::add);
        if (withMetadata) {
            o.set("metadata", Json.parseLedger(i.metadataJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return o;
    }

    static ObjectNode seal(SealRef s) {
        return Json.object().put("keyId", s.keyId()).put("signature", s.signature())
                .put("encodingVersion", s.encodingVersion());
    }

    static ObjectNode anchor(AnchorState a) {
        ObjectNode o = Json.object().put("phase", a.phase().name()).put("txId", a.txId());
        if (a.blockNumber() >= 0) {
            o.put("blockNumber", a.blockNumber());
        } else {
            o.putNull("blockNumber");
        }
        return o.put("commitTime", str(a.commitTime()))
                .put("attempts", a.attempts())
                .put("lastError", a.lastError())
                .put("updatedAt", str(a.updatedAt()));
    }

    static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
