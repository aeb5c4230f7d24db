package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.proof.RetentionProof.CheckpointInfo;
import dev.fapiao.node.proof.RetentionProof.SealInfo;
import dev.fapiao.node.proof.RetentionProof.Signer;
import dev.fapiao.node.seal.CheckpointEncoding;
import dev.fapiao.node.seal.Seal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a retention proof bundle offline (no network): every check of
 * docs/retention-proof.md, each reported by name. Never throws for a bundle that parses; a
 * failing or unreadable field fails the check that uses it.
 */
public final class RetentionProofVerifier {
    private static final HexFormat HEX = HexFormat.of();
    private final TrustAnchors trust;

    public RetentionProofVerifier(TrustAnchors trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** Parses and verifies; {@link MalformedProofException} when the JSON is not a v1 bundle. */
    public VerificationReport verify(String bundleJson, byte[] document) {
        return verify(RetentionProof.parse(bundleJson), document);
    }

    public VerificationReport verify(RetentionProof p, byte[] document) {
        List<CheckResult> out = new ArrayList<>();
        SealInfo seal = p.seal();
        if (document != null) {
            String h = Sm3.hashHex(document);
            out.add(h.equals(seal.docHash()) ? CheckResult.pass("document-hash", "SM3 of the document is " + h)
                    : CheckResult.fail("document-hash", "SM3 of the document is " + h + ", the seal says "
                            + seal.docHash()));
        }
        out.add(metadataHash(p));
        out.add(sealSignature("node-seal", p, seal.node()));
        if (seal.enterprise() != null) {
            out.add(sealSignature("enterprise-signature", p, seal.enterprise()));
        }
        out.addAll(FabricEvidence.verify("anchor", p.anchoring(), trust,
                FabricEvidence.compositeKey("invoice", p.invoiceId()), v -> invoiceRecordMatches(p, v)));
        out.add(inclusion(p));
        CheckpointInfo cp = p.checkpoint();
        out.add(checkpointSignature(cp));
        out.addAll(FabricEvidence.verify("checkpoint", cp.anchoring(), trust,
                FabricEvidence.compositeKey("checkpoint", cp.nodeId() == null ? "" : cp.nodeId()),
                v -> checkpointRecordMatches(cp, v)));
        out.add(retentionConsistent(p));
        out.add(bundleSignature(p));
        return new VerificationReport(out);
    }

    private static CheckResult metadataHash(RetentionProof p) {
        String name = "metadata-hash";
        String meta = p.invoice().metadata();
        if (meta == null) {
            return CheckResult.fail(name, "no metadata");
        }
        byte[] bytes = meta.getBytes(StandardCharsets.UTF_8);
        try {
            if (!java.util.Arrays.equals(CanonicalJson.canonicalize(meta), bytes)) {
                return CheckResult.fail(name, "metadata is not in RFC 8785 canonical form");
            }
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name, "metadata is not JSON: " + e.getMessage());
        }
        String h = Sm3.hashHex(bytes);
        return h.equals(p.seal().metaHash()) ? CheckResult.pass(name, "SM3 of the metadata is " + h)
                : CheckResult.fail(name, "SM3 of the metadata is " + h + ", the seal says " + p.seal().metaHash());
    }

    /** The signer's key id is SM3 of its key, and its signature verifies over the seal encoding. */
    private static CheckResult sealSignature(String name, RetentionProof p, Signer s) {
        try {
            Sm2Verifier v = verifierFor(s);
            SealInfo seal = p.seal();
            Seal sealed = new Seal(p.invoiceId(), seal.docHash(), seal.metaHash(), Instant.parse(seal.issueTime()),
                    LocalDate.parse(seal.retainUntil()), s.keyId(), s.signature(), seal.encodingVersion());
            return sealed.verify(v) ? CheckResult.pass(name, "SM2 signature by key " + s.keyId() + " verifies")
                    : CheckResult.fail(name, "SM2 signature by key " + s.keyId() + " does not verify over the seal");
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable seal: " + e.getMessage());
        }
    }

    private static Sm2Verifier verifierFor(Signer s) {
        Sm2PublicKey key = Sm2PublicKey.fromPem(s.publicKey());
        if (!key.keyId().equals(s.keyId())) {
            throw new IllegalArgumentException("key id " + s.keyId() + " is not SM3 of the public key ("
                    + key.keyId() + ")");
        }
        Sm2Verifier v = Sm2Verifier.of(key);
        return s.userId() == null ? v : v.withUserId(s.userId());
    }

    /** The anchored InvoiceRecord carries the bundle's hashes, times and signatures. */
    private static String invoiceRecordMatches(RetentionProof p, JsonNode v) {
        SealInfo seal = p.seal();
        if (!p.invoiceId().equals(v.path("invoiceId").asText())) {
            return "record is for " + v.path("invoiceId").asText();
        }
        if (!Objects.equals(seal.docHash(), v.path("docHash").asText())) {
            return "anchored docHash " + v.path("docHash").asText() + " differs from the bundle's";
        }
        if (!Objects.equals(seal.metaHash(), v.path("metaHash").asText())) {
            return "anchored metaHash " + v.path("metaHash").asText() + " differs from the bundle's";
        }
        try {
            if (!Instant.parse(v.path("issueTime").asText()).equals(Instant.parse(seal.issueTime()))) {
                return "anchored issueTime " + v.path("issueTime").asText() + " differs from the bundle's";
            }
        } catch (RuntimeException e) {
            return "unreadable issueTime: " + e.getMessage();
        }
        if (!Objects.equals(seal.retainUntil(), v.path("retainUntil").asText())) {
            return "anchored retainUntil " + v.path("retainUntil").asText() + " differs from the bundle's";
        }
        for (Signer s : new Signer[] {seal.node(), seal.enterprise()}) {
            if (s == null) {
                continue;
            }
            boolean found = false;
            for (JsonNode sig : v.path("signatures")) {
                found |= sig.path("keyId").asText().equals(s.keyId()) && sig.path("signature").asText()
                        .equals(s.signature());
            }
            if (!found) {
                return "the anchored signatures do not include key " + s.keyId() + " with the bundle's signature";
            }
        }
        return null;
    }

    private static CheckResult inclusion(RetentionProof p) {
        String name = "merkle-inclusion";
        try {
            SealInfo seal = p.seal();
            var in = p.inclusion();
            if (in.treeSize() != p.checkpoint().treeSize()) {
                return CheckResult.fail(name, "proof is for tree size " + in.treeSize() + ", the checkpoint has "
                        + p.checkpoint().treeSize());
            }
            byte[] leaf = Sm3Hasher.INSTANCE.hashLeaf(InvoiceLeaf.encode(p.invoiceId(), HEX.parseHex(seal.docHash()),
                    HEX.parseHex(seal.metaHash()), LocalDate.parse(seal.retainUntil())));
            List<byte[]> path = in.path().stream().map(HEX::parseHex).toList();
            ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, in.leafIndex(), in.treeSize(), leaf, path,
                    HEX.parseHex(p.checkpoint().rootHash()));
            return CheckResult.pass(name, "leaf " + in.leafIndex() + " of " + in.treeSize() + " leads to root "
                    + p.checkpoint().rootHash());
        } catch (ProofException e) {
            return CheckResult.fail(name, e.getMessage());
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable proof: " + e.getMessage());
        }
    }

    private static CheckResult checkpointSignature(CheckpointInfo cp) {
        String name = "checkpoint-signature";
        try {
            Sm2Verifier v = verifierFor(cp.signer());
            byte[] enc = CheckpointEncoding.encode(cp.nodeId(), cp.treeSize(), HEX.parseHex(cp.rootHash()));
            return v.verify(enc, Base64.getDecoder().decode(cp.signer().signature()))
                    ? CheckResult.pass(name, "checkpoint (" + cp.nodeId() + ", " + cp.treeSize()
                            + ") signed by key " + cp.signer().keyId())
                    : CheckResult.fail(name, "SM2 signature over the checkpoint does not verify");
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable checkpoint: " + e.getMessage());
        }
    }

    private static String checkpointRecordMatches(CheckpointInfo cp, JsonNode v) {
        if (!Objects.equals(cp.nodeId(), v.path("nodeId").asText())) {
            return "anchored checkpoint is of node " + v.path("nodeId").asText();
        }
        if (cp.treeSize() != v.path("treeSize").asLong(-1)) {
            return "anchored checkpoint has tree size " + v.path("treeSize").asText();
        }
        if (!Objects.equals(cp.rootHash(), v.path("rootHash").asText())) {
            return "anchored checkpoint has root " + v.path("rootHash").asText();
        }
        if (!Objects.equals(cp.signer().keyId(), v.path("keyId").asText())
                || !Objects.equals(cp.signer().signature(), v.path("signature").asText())) {
            return "anchored checkpoint has another key id or signature";
        }
        return null;
    }

    private static CheckResult retentionConsistent(RetentionProof p) {
        String name = "retention";
        if (!Objects.equals(p.retention().retainUntil(), p.seal().retainUntil())) {
            return CheckResult.fail(name, "retainUntil " + p.retention().retainUntil() + " differs from the seal's "
                    + p.seal().retainUntil());
        }
        if (p.retention().legalHold() != p.status().legalHold()) {
            return CheckResult.fail(name, "legalHold differs between retention and status");
        }
        return CheckResult.pass(name, "retain until " + p.retention().retainUntil()
                + (p.retention().legalHold() ? ", under legal hold" : ""));
    }

    /** Signed by the checkpoint's key: the NODE key the ledger accepted for the checkpoint. */
    private static CheckResult bundleSignature(RetentionProof p) {
        String name = "bundle-signature";
        try {
            Sm2Verifier v = verifierFor(p.checkpoint().signer());
            return v.verify(p.signedBytes(), Base64.getDecoder().decode(p.signature()))
                    ? CheckResult.pass(name, "signed by node key " + v.keyId())
                    : CheckResult.fail(name, "SM2 signature over the bundle does not verify");
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable signature: " + e.getMessage());
        }
    }
}
