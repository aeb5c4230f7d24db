package dev.fapiao.node.proof;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which named check of docs/retention-proof.md must fail when one field of a bundle is changed
 * (besides {@code bundle-signature}), for the systematic mutation tests (unit and IT).
 */
public final class BundleFieldChecks {

    private BundleFieldChecks() {
    }

    /**
     * The expected failing check for a changed leaf at {@code path} (a {@link JsonMutations#collect}
     * path). {@code withDocument}: the verification is given the original, so a changed
     * {@code seal.docHash} fails {@code document-hash} first.
     */
    public static String expectedCheck(String path, boolean withDocument) {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("signature", "bundle-signature");
        rules.put("invoiceId", "node-seal");
        rules.put("invoice.metadata", "metadata-hash");
        rules.put("invoice.issuer", "invoice-id");
        rules.put("invoice.number", "invoice-id");
        rules.put("seal.docHash", withDocument ? "document-hash" : "node-seal");
        rules.put("seal.metaHash", "metadata-hash");
        rules.put("seal.enterprise", "enterprise-signature");
        rules.put("seal.", "node-seal");
        rules.put("anchoring.blockNumber", "anchor-block.number");
        rules.put("anchoring.block", "anchor-");
        rules.put("anchoring.", "anchor-tx.header");
        rules.put("inclusion.", "merkle-inclusion");
        rules.put("checkpoint.anchoring.blockNumber", "checkpoint-block.number");
        rules.put("checkpoint.anchoring.block", "checkpoint-");
        rules.put("checkpoint.anchoring.", "checkpoint-tx.header");
        rules.put("checkpoint.", "checkpoint-signature");
        rules.put("retention.", "retention");
        rules.put("status.legalHold", "retention");
        rules.put("status.status", "status-");
        rules.put("status.evidence.blockNumber", "status-block.number");
        rules.put("status.evidence.block", "status-");
        rules.put("status.evidence.", "status-tx.header");
        rules.put("status.history.0.txId", "status-latest");
        rules.put("status.history.0.status", "status-latest");
        rules.put("status.history.0.legalHold", "status-latest");
        rules.put("status.history.1.txId", "status-latest"); // with two entries, the oldest: the anchoring tx
        rules.put("status.history.", "status-history"); // every entry is bound to its block
        rules.put("enterpriseRegistration.blockNumber", "registry-block.number");
        rules.put("enterpriseRegistration.block", "registry-");
        rules.put("enterpriseRegistration.", "registry-tx.header");
        rules.put("renewals.", "renewals"); // the chain's own fields (steps have their own checks)
        for (var r : rules.entrySet()) {
            String k = r.getKey();
            if (k.endsWith(".") ? path.startsWith(k) : path.equals(k) || path.startsWith(k + ".")) {
                return r.getValue();
            }
        }
        return "bundle-signature";
    }
}
