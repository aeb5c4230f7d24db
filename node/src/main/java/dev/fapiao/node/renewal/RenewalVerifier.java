package dev.fapiao.node.renewal;

import dev.fapiao.node.ledger.RenewalPrevious;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.FabricEvidence;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.evidence.TrustAnchors;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an invoice's {@link RenewalChain} offline (docs/renewal.md, "Verification"): for each
 * renewal n, checks {@code renewal-n.leaf}, {@code .inclusion}, {@code .previous}, {@code .log},
 * {@code .signature}, {@code .document-hash} and {@code .metadata-hash} (when the document or the
 * metadata is given) and the Fabric evidence of its {@code anchorRenewal} transaction
 * ({@code renewal-n-block.*}, {@code renewal-n-tx.*}), after a chain-level {@code renewals} check.
 * Never throws for a chain that parsed: an unusable field fails the check that uses it.
 */
public final class RenewalVerifier {
    private static final HexFormat HEX = HexFormat.of();
    private final TrustAnchors trust;

    public RenewalVerifier(TrustAnchors trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * What the rest of the retention proof established about the invoice: its id, its node (the
     * checkpoint's), its leaf index and SM3 leaf hash (lowercase hex) in the node's log, and its
     * retain-until date ({@code yyyy-MM-dd}).
     */
    public record Subject(String nodeId, String invoiceId, long leafIndex, String logLeafHash, String retainUntil) {

        /** From the seal fields: the SM3 leaf hash is recomputed with {@link InvoiceLeaf} v1. */
        public static Subject of(String nodeId, String invoiceId, long leafIndex, String docHash, String metaHash,
                String retainUntil) {
            byte[] leaf = Sm3Hasher.INSTANCE.hashLeaf(InvoiceLeaf.encode(invoiceId, HEX.parseHex(docHash),
                    HEX.parseHex(metaHash), LocalDate.parse(retainUntil)));
            return new Subject(nodeId, invoiceId, leafIndex, HEX.formatHex(leaf), retainUntil);
        }
    }

    /**
     * Every check of every renewal in {@code chain} (empty for a null chain). {@code document} and
     * {@code metadata} (the canonical metadata JSON, UTF-8) are optional.
     */
    public List<CheckResult> verify(Subject subject, RenewalChain chain, byte[] document, byte[] metadata) {
        return verify(subject, chain, document, metadata, true);
    }

    /** {@code ledgerEvidence} false leaves out the Fabric block checks (offline tests without blocks). */
    List<CheckResult> verify(Subject subject, RenewalChain chain, byte[] document, byte[] metadata,
            boolean ledgerEvidence) {
        List<CheckResult> out = new ArrayList<>();
        if (chain == null) {
            return out;
        }
        out.add(chainCheck(subject, chain));
        List<RenewalStep> steps = chain.steps() == null ? List.of() : chain.steps();
        for (int k = 0; k < steps.size(); k++) {
            RenewalStep step = steps.get(k);
            if (step == null) {
                continue; // reported by the chain check
            }
            RenewalStep prior = k == 0 ? null : steps.get(k - 1);
            String p = "renewal-" + step.sequence();
            out.add(leaf(p, subject, step, prior));
            out.add(inclusion(p, step));
            out.add(previous(p, step, prior));
            out.add(log(p, subject, step));
            out.add(signature(p, step));
            if (document != null) {
                out.add(digestCheck(p + ".document-hash", "document", step, document,
                        step.leaf() == null ? null : step.leaf().documentHash()));
            }
            if (metadata != null) {
                out.add(digestCheck(p + ".metadata-hash", "metadata", step, metadata,
                        step.leaf() == null ? null : step.leaf().metadataHash()));
            }
            if (ledgerEvidence) {
                if (step.anchoring() == null) {
                    out.add(new CheckResult(p + "-block.decode", false, "no anchoring evidence"));
                } else {
                    out.addAll(FabricEvidence.verify(p, step.anchoring(), trust,
                            FabricEvidence.compositeKey("renewal", String.valueOf(step.nodeId()),
                                    String.format(Locale.ROOT, "%010d", step.sequence())),
                            v -> recordMatches(step, v)));
                }
            }
        }
        return out;
    }

    private static CheckResult pass(String name, String reason) {
        return new CheckResult(name, true, reason);
    }

    private static CheckResult fail(String name, String reason) {
        return new CheckResult(name, false, reason);
    }

    /** The chain is for this invoice and node, and its renewals are consecutive. */
    private static CheckResult chainCheck(Subject s, RenewalChain chain) {
        String name = "renewals";
        if (chain.version() != RenewalChain.VERSION) {
            return fail(name, "chain version " + chain.version());
        }
        if (!Objects.equals(chain.invoiceId(), s.invoiceId())) {
            return fail(name, "chain is for invoice " + chain.invoiceId());
        }
        List<RenewalStep> steps = chain.steps() == null ? List.of() : chain.steps();
        if (steps.isEmpty()) {
            return pass(name, "no renewal covers the invoice yet");
        }
        for (int k = 0; k < steps.size(); k++) {
            RenewalStep step = steps.get(k);
            if (step == null) {
                return fail(name, "step " + k + " is null");
            }
            if (!Objects.equals(step.nodeId(), s.nodeId())) {
                return fail(name, "renewal " + step.sequence() + " is of node " + step.nodeId() + ", not "
                        + s.nodeId());
            }
            if (k > 0 && steps.get(k - 1) != null && step.sequence() != steps.get(k - 1).sequence() + 1) {
                return fail(name, "renewal " + step.sequence() + " follows renewal " + steps.get(k - 1).sequence());
            }
            if (step.sequence() < 1) {
                return fail(name, "sequence " + step.sequence());
            }
        }
        return pass(name, steps.size() + " renewal(s), " + steps.get(0).sequence() + ".."
                + steps.get(steps.size() - 1).sequence() + ", of node " + s.nodeId());
    }

    /** The renewed leaf is the invoice's and binds its previous evidence. */
    private static CheckResult leaf(String p, Subject s, RenewalStep step, RenewalStep prior) {
        String name = p + ".leaf";
        try {
            RenewalAlgorithm a = algorithm(step.algorithm()).orElse(null);
            if (a == null) {
                return fail(name, "unknown algorithm " + step.algorithm());
            }
            RenewedLeaf leaf = step.leaf();
            if (leaf == null) {
                return fail(name, "no leaf");
            }
            if (!Objects.equals(leaf.invoiceId(), s.invoiceId())) {
                return fail(name, "leaf is of invoice " + leaf.invoiceId());
            }
            if (leaf.leafIndex() != s.leafIndex()) {
                return fail(name, "leaf renews log leaf " + leaf.leafIndex() + ", the invoice is log leaf "
                        + s.leafIndex());
            }
            if (!Objects.equals(leaf.retainUntil(), s.retainUntil())) {
                return fail(name, "leaf says retain until " + leaf.retainUntil() + ", the seal " + s.retainUntil());
            }
            if (leaf.documentHash() != null && HEX.parseHex(leaf.documentHash()).length != a.size()) {
                return fail(name, "documentHash is not a " + a + " hash");
            }
            if (leaf.metadataHash() == null || HEX.parseHex(leaf.metadataHash()).length != a.size()) {
                return fail(name, "metadataHash is not a " + a + " hash");
            }
            RenewalPrevious prev = step.previous();
            String expectedKind = prev == null || s.leafIndex() >= prev.treeSize() - 1 ? RenewedLeaf.LOG
                    : RenewedLeaf.RENEWAL;
            if (!expectedKind.equals(leaf.previousKind())) {
                return fail(name, "previousKind is " + leaf.previousKind() + ", expected " + expectedKind);
            }
            if (RenewedLeaf.LOG.equals(expectedKind)) {
                if (!Objects.equals(leaf.previousLeafHash(), s.logLeafHash())) {
                    return fail(name, "previousLeafHash " + leaf.previousLeafHash() + " is not the invoice's SM3 "
                            + "log leaf hash " + s.logLeafHash());
                }
                return pass(name, "leaf " + (s.leafIndex() + 1) + " renews log leaf " + s.leafIndex() + " ("
                        + (leaf.disposed() ? "disposed, no document" : "document") + ") and binds its SM3 leaf hash");
            }
            if (prior == null) {
                return fail(name, "the leaf extends renewal " + (step.sequence() - 1)
                        + ", which the chain does not include");
            }
            RenewalAlgorithm pa = algorithm(prior.algorithm()).orElse(null);
            if (pa == null || prior.leaf() == null) {
                return fail(name, "renewal " + prior.sequence() + " is unusable");
            }
            String priorHash = HEX.formatHex(prior.leaf().leafHash(pa));
            if (!priorHash.equals(leaf.previousLeafHash())) {
                return fail(name, "previousLeafHash " + leaf.previousLeafHash() + " is not renewal "
                        + prior.sequence() + "'s leaf hash " + priorHash);
            }
            return pass(name, "leaf " + (s.leafIndex() + 1) + " renews log leaf " + s.leafIndex() + " ("
                    + (leaf.disposed() ? "disposed, no document" : "document") + ") and binds renewal "
                    + prior.sequence() + "'s leaf");
        } catch (RuntimeException e) {
            return fail(name, "unusable leaf: " + e.getMessage());
        }
    }

    /** The renewed leaf is leaf {@code leafIndex + 1} of the renewal tree. */
    private static CheckResult inclusion(String p, RenewalStep step) {
        String name = p + ".inclusion";
        try {
            RenewalAlgorithm a = algorithm(step.algorithm()).orElse(null);
            if (a == null || step.leaf() == null) {
                return fail(name, "no usable algorithm or leaf");
            }
            if (step.treeSize() != step.logTreeSize() + 1) {
                return fail(name, "tree size " + step.treeSize() + " is not log size " + step.logTreeSize() + " + 1");
            }
            long index = step.leaf().leafIndex() + 1;
            ProofVerifier.verifyInclusion(a.hasher(), index, step.treeSize(), step.leaf().leafHash(a),
                    hashes(step.path()), HEX.parseHex(step.rootHash()));
            return pass(name, a + " leaf " + index + " of " + step.treeSize() + " leads to root " + step.rootHash());
        } catch (ProofException e) {
            return fail(name, e.getMessage());
        } catch (RuntimeException e) {
            return fail(name, "unusable proof: " + e.getMessage());
        }
    }

    /** Leaf 0 commits to the log tree and the previous renewal, which is the chain's previous step. */
    private static CheckResult previous(String p, RenewalStep step, RenewalStep prior) {
        String name = p + ".previous";
        try {
            RenewalAlgorithm a = algorithm(step.algorithm()).orElse(null);
            if (a == null) {
                return fail(name, "unknown algorithm " + step.algorithm());
            }
            RenewalPrevious prev = step.previous();
            if ((step.sequence() == 1) != (prev == null)) {
                return fail(name, step.sequence() == 1 ? "renewal 1 names a previous renewal"
                        : "renewal " + step.sequence() + " names no previous renewal");
            }
            if (prev != null && algorithm(prev.algorithm()).isEmpty()) {
                return fail(name, "unknown previous algorithm " + prev.algorithm());
            }
            if (prior != null) {
                if (!prev.equals(new RenewalPrevious(prior.algorithm(), prior.treeSize(), prior.rootHash()))) {
                    return fail(name, "previous " + prev + " is not renewal " + prior.sequence() + " ("
                            + prior.algorithm() + ", " + prior.treeSize() + ", " + prior.rootHash() + ")");
                }
                if (step.logTreeSize() < prior.logTreeSize() || (step.logTreeSize() == prior.logTreeSize()
                        && !Objects.equals(step.logRootHash(), prior.logRootHash()))) {
                    return fail(name, "log tree (" + step.logTreeSize() + ", " + step.logRootHash()
                            + ") does not extend renewal " + prior.sequence() + "'s");
                }
            }
            byte[] link = a.hasher().hashLeaf(step.link().encode());
            ProofVerifier.verifyInclusion(a.hasher(), 0, step.treeSize(), link, hashes(step.linkPath()),
                    HEX.parseHex(step.rootHash()));
            return pass(name, "leaf 0 commits to the SM3 log (" + step.logTreeSize() + ", " + step.logRootHash() + ")"
                    + (prev == null ? "" : " and renewal " + (step.sequence() - 1) + " (" + prev.algorithm() + ", "
                            + prev.treeSize() + ", " + prev.rootHash() + ")"));
        } catch (ProofException e) {
            return fail(name, "leaf 0: " + e.getMessage());
        } catch (RuntimeException e) {
            return fail(name, "unusable link: " + e.getMessage());
        }
    }

    /** For a leaf that binds the SM3 log leaf: that leaf is in the log tree the renewal covers. */
    private static CheckResult log(String p, Subject s, RenewalStep step) {
        String name = p + ".log";
        try {
            boolean fromLog = step.leaf() != null && RenewedLeaf.LOG.equals(step.leaf().previousKind());
            if (!fromLog) {
                return step.logPath() == null
                        ? pass(name, "the log leaf is bound through renewal " + (step.sequence() - 1))
                        : fail(name, "a log path for a leaf that extends renewal " + (step.sequence() - 1));
            }
            if (step.logPath() == null) {
                return fail(name, "no log path");
            }
            ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, s.leafIndex(), step.logTreeSize(),
                    HEX.parseHex(s.logLeafHash()), hashes(step.logPath()), HEX.parseHex(step.logRootHash()));
            return pass(name, "SM3 log leaf " + s.leafIndex() + " of " + step.logTreeSize() + " leads to root "
                    + step.logRootHash());
        } catch (ProofException e) {
            return fail(name, e.getMessage());
        } catch (RuntimeException e) {
            return fail(name, "unusable proof: " + e.getMessage());
        }
    }

    /** The NODE key signed renewal encoding v1; its key id is SM3 of the key. */
    private static CheckResult signature(String p, RenewalStep step) {
        String name = p + ".signature";
        try {
            Signer s = step.signer();
            Sm2PublicKey key = Sm2PublicKey.fromPem(s.publicKey());
            if (!key.keyId().equals(s.keyId())) {
                return fail(name, "key id " + s.keyId() + " is not SM3 of the public key (" + key.keyId() + ")");
            }
            Sm2Verifier v = s.userId() == null ? Sm2Verifier.of(key) : Sm2Verifier.of(key).withUserId(s.userId());
            byte[] enc = RenewalEncoding.encode(step.link(), step.treeSize(), step.rootHash());
            return v.verify(enc, Base64.getDecoder().decode(s.signature()))
                    ? pass(name, "renewal " + step.sequence() + " (" + step.algorithm() + ", " + step.treeSize()
                            + ") signed by NODE key " + s.keyId())
                    : fail(name, "SM2 signature over the renewal encoding does not verify");
        } catch (RuntimeException e) {
            return fail(name, "unusable signature: " + e.getMessage());
        }
    }

    private static CheckResult digestCheck(String name, String what, RenewalStep step, byte[] data, String expected) {
        try {
            RenewalAlgorithm a = algorithm(step.algorithm()).orElse(null);
            if (a == null) {
                return fail(name, "unknown algorithm " + step.algorithm());
            }
            if (expected == null) {
                return fail(name, "the renewal records the invoice as disposed (no document)");
            }
            String h = HEX.formatHex(a.digest(data));
            return h.equals(expected) ? pass(name, a + " of the " + what + " is " + h)
                    : fail(name, a + " of the " + what + " is " + h + ", the renewed leaf says " + expected);
        } catch (RuntimeException e) {
            return fail(name, "unusable hash: " + e.getMessage());
        }
    }

    /** The anchored Renewal record carries the step's values. */
    private static String recordMatches(RenewalStep step, JsonNode v) {
        if (!Objects.equals(step.nodeId(), v.path("nodeId").asText())) {
            return "anchored renewal is of node " + v.path("nodeId").asText();
        }
        if (step.sequence() != v.path("sequence").asLong(-1)) {
            return "anchored renewal has sequence " + v.path("sequence").asText();
        }
        if (!Objects.equals(step.algorithm(), v.path("algorithm").asText())) {
            return "anchored renewal uses " + v.path("algorithm").asText();
        }
        if (step.treeSize() != v.path("treeSize").asLong(-1)
                || !Objects.equals(step.rootHash(), v.path("rootHash").asText())) {
            return "anchored renewal has tree (" + v.path("treeSize").asText() + ", " + v.path("rootHash").asText()
                    + ")";
        }
        if (step.logTreeSize() != v.path("logTreeSize").asLong(-1)
                || !Objects.equals(step.logRootHash(), v.path("logRootHash").asText())) {
            return "anchored renewal covers the log tree (" + v.path("logTreeSize").asText() + ", "
                    + v.path("logRootHash").asText() + ")";
        }
        JsonNode prev = v.path("previous");
        RenewalPrevious p = step.previous();
        boolean same = p == null ? prev.isNull() || prev.isMissingNode()
                : prev.isObject() && p.algorithm().equals(prev.path("algorithm").asText())
                        && p.treeSize() == prev.path("treeSize").asLong(-1)
                        && p.rootHash().equals(prev.path("rootHash").asText());
        if (!same) {
            return "anchored renewal extends " + prev;
        }
        Signer s = step.signer();
        if (s == null || !Objects.equals(s.keyId(), v.path("keyId").asText())
                || !Objects.equals(s.signature(), v.path("signature").asText())) {
            return "anchored renewal has another key id or signature";
        }
        return null;
    }

    private static Optional<RenewalAlgorithm> algorithm(String name) {
        return RenewalAlgorithm.byName(name);
    }

    private static List<byte[]> hashes(List<String> hex) {
        if (hex == null) {
            throw new IllegalArgumentException("no path");
        }
        return hex.stream().map(HEX::parseHex).toList();
    }
}
