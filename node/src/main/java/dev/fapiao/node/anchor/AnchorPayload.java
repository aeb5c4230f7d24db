package dev.fapiao.node.anchor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.seal.Seal;
import java.util.List;

/**
 * Builds the chaincode's {@code Anchor} JSON (docs/ledger-model.md) for a sealed invoice:
 * the seal's hashes, issue time and retain-until, the invoice kind, and every signature
 * over the seal encoding (the node's seal first, then the enterprise's own, if any).
 */
public final class AnchorPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signature over the seal encoding by a registered key. */
    public record Signature(String keyId, String signature) {}

    private AnchorPayload() {
    }

    public static String of(Seal seal, String kind, String reverses, List<Signature> extraSignatures) {
        ObjectNode a = JSON.createObjectNode();
        a.put("invoiceId", seal.invoiceId());
        a.put("docHash", seal.docHash());
        a.put("metaHash", seal.metaHash());
        a.put("issueTime", seal.issueTime().toString());
        a.put("retainUntil", seal.retainUntil().toString());
        a.put("kind", kind);
        if (reverses != null) {
            a.put("reverses", reverses);
        }
        ArrayNode sigs = a.putArray("signatures");
        sigs.addObject().put("keyId", seal.keyId()).put("signature", seal.signature());
        for (Signature s : extraSignatures) {
            sigs.addObject().put("keyId", s.keyId()).put("signature", s.signature());
        }
        return a.toString();
    }

    public static String of(Seal seal) {
        return of(seal, "NORMAL", null, List.of());
    }
}
