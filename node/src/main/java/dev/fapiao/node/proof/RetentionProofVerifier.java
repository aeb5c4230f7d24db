package dev.fapiao.node.proof;

import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.FabricEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.proof.RetentionProof.CheckpointInfo;
import dev.fapiao.node.renewal.RenewalVerifier;
import dev.fapiao.node.proof.RetentionProof.HistoryEntry;
import dev.fapiao.node.proof.RetentionProof.SealInfo;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.seal.CheckpointEncoding;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
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
    private static final String DISPOSED = "DISPOSED";
    private final TrustAnchors trust;

    public RetentionProofVerifier(TrustAnchors trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Parses strictly and verifies; the bundle signature is checked over the canonical form of the
     * JSON received. {@link MalformedProofException} (naming the member) when it is not a v1 bundle.
     */
    public VerificationReport verify(String bundleJson, byte[] document) {
        RetentionProof.Received r = RetentionProof.receive(bundleJson);
        return verify(r.proof(), r.signedBytes(), document);
    }

    /** Verifies a bundle object (as the builder made it): its signature over its canonical JSON. */
    public VerificationReport verify(RetentionProof p, byte[] document) {
        return verify(p, p.signedBytes(), document);
    }

    private VerificationReport verify(RetentionProof p, byte[] signedBytes, byte[] document) {
        List<CheckResult> out = new ArrayList<>();
        SealInfo seal = p.seal();
        if (document != null) {
            String h = Sm3.hashHex(document);
            out.add(h.equals(seal.docHash()) ? CheckResult.pass("document-hash", "SM3 of the document is " + h)
                    : CheckResult.fail("document-hash", "SM3 of the document is " + h + ", the seal says "
                            + seal.docHash()));
            out.add(BundleConsistency.documentSize(p.invoice(), document));
            out.add(BundleConsistency.contentType(p.invoice(), document));
        }
        out.add(BundleConsistency.invoiceId(p.invoiceId(), p.invoice()));
        out.add(metadataHash(p));
        out.add(sealSignature("node-seal", p, seal.node()));
        if (seal.enterprise() != null) {
            out.add(enterpriseSignature(p));
        }
        String invoiceKey = FabricEvidence.compositeKey("invoice", p.invoiceId());
        JsonNode[] anchored = new JsonNode[1];
        out.addAll(FabricEvidence.verify("anchor", p.anchoring(), trust, invoiceKey, v -> {
            anchored[0] = v;
            return invoiceRecordMatches(p, v);
        }));
        if (p.version() != RetentionProof.VERSION_1) {
            out.addAll(EnterpriseRegistration.check(p, trust)); // a v1 bundle leaves it on trust
        }
        out.add(inclusion(p));
        CheckpointInfo cp = p.checkpoint();
        out.add(checkpointSignature(cp));
        out.addAll(FabricEvidence.verify("checkpoint", cp.anchoring(), trust,
                FabricEvidence.compositeKey("checkpoint", cp.nodeId() == null ? "" : cp.nodeId()),
                v -> checkpointRecordMatches(cp, v)));
        // the newest version of the invoice record: its own block, or the anchoring write itself
        BlockEvidence statusEvidence = p.status().evidence();
        JsonNode[] latest = new JsonNode[1];
        if (statusEvidence != null) {
            out.addAll(FabricEvidence.verify("status", statusEvidence, trust, invoiceKey, v -> {
                latest[0] = v;
                return latestRecordMatches(p, v);
            }));
        } else {
            latest[0] = anchored[0];
        }
        out.add(statusLatest(p, latest[0]));
        out.add(HistoryBinding.check(p, anchored[0], statusEvidence == null ? null : latest[0]));
        if (DISPOSED.equals(p.status().status())) {
            out.add(lawfulDisposal(p, latest[0]));
        }
        out.add(retentionConsistent(p));
        out.addAll(renewals(p, document));
        out.add(bundleSignature(p, signedBytes));
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

    /**
     * The enterprise's own seal: its signature verifies, and its key is not a NODE key the bundle
     * shows (the node's seal key or the checkpoint key): those are the archive's, not the issuer's.
     */
    private static CheckResult enterpriseSignature(RetentionProof p) {
        Signer e = p.seal().enterprise();
        if (Objects.equals(e.keyId(), p.seal().node().keyId()) || Objects.equals(e.keyId(),
                p.checkpoint().signer().keyId())) {
            return CheckResult.fail("enterprise-signature", "key " + e.keyId() + " is the node's own key, not the "
                    + "issuer's ENTERPRISE key");
        }
        return sealSignature("enterprise-signature", p, e);
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

    /**
     * The newest version of the record (written by {@code status.evidence}) is the anchored invoice
     * (same content, anchored by {@code anchoring.txId}) with the bundle's status and legal hold.
     */
    private static String latestRecordMatches(RetentionProof p, JsonNode v) {
        String content = invoiceRecordMatches(p, v);
        if (content != null) {
            return content;
        }
        if (!Objects.equals(p.anchoring().txId(), v.path("anchoredTxId").asText())) {
            return "the record was anchored by " + v.path("anchoredTxId").asText() + ", not by "
                    + p.anchoring().txId();
        }
        return statusMatches(p, v);
    }

    private static String statusMatches(RetentionProof p, JsonNode v) {
        if (!Objects.equals(p.status().status(), v.path("status").asText(null))) {
            return "the record's status is " + v.path("status").asText() + ", the bundle says " + p.status().status();
        }
        if (!v.path("legalHold").isBoolean() || v.path("legalHold").asBoolean() != p.status().legalHold()) {
            return "the record's legalHold is " + v.path("legalHold") + ", the bundle says " + p.status().legalHold();
        }
        return null;
    }

    /**
     * {@code status.history[0]} is the version proven by {@code status.evidence} (else by the anchoring
     * transaction, whose record then must carry the bundle's status), with the same status and hold;
     * the oldest entry is the anchoring transaction.
     */
    private static CheckResult statusLatest(RetentionProof p, JsonNode latestRecord) {
        String name = "status-latest";
        var st = p.status();
        if (st.history() == null || st.history().isEmpty() || st.history().get(0) == null
                || st.history().get(st.history().size() - 1) == null) {
            return CheckResult.fail(name, "status.history is empty");
        }
        String anchorTx = p.anchoring().txId();
        String latestTx = st.evidence() != null ? st.evidence().txId() : anchorTx;
        if (st.evidence() != null && Objects.equals(st.evidence().txId(), anchorTx)) {
            return CheckResult.fail(name, "status.evidence repeats the anchoring transaction; it must be null then");
        }
        HistoryEntry newest = st.history().get(0);
        if (!Objects.equals(newest.txId(), latestTx)) {
            return CheckResult.fail(name, "the newest history entry is " + newest.txId() + ", the evidence is of "
                    + latestTx);
        }
        if (!Objects.equals(newest.status(), st.status()) || newest.legalHold() != st.legalHold()) {
            return CheckResult.fail(name, "the newest history entry says " + newest.status() + "/legalHold "
                    + newest.legalHold() + ", status says " + st.status() + "/legalHold " + st.legalHold());
        }
        if (!Objects.equals(st.history().get(st.history().size() - 1).txId(), anchorTx)) {
            return CheckResult.fail(name, "the oldest history entry is not the anchoring transaction " + anchorTx);
        }
        if (latestRecord == null) {
            return CheckResult.fail(name, "no readable record written by " + latestTx);
        }
        if (st.evidence() == null) {
            String problem = statusMatches(p, latestRecord);
            if (problem != null) {
                return CheckResult.fail(name, "no status.evidence, so the anchoring write is the newest version, but "
                        + problem);
            }
        }
        return CheckResult.pass(name, "status " + st.status() + (st.legalHold() ? " under legal hold" : "")
                + " as written by " + latestTx + (st.evidence() == null ? " (the anchoring transaction)" : "")
                + "; " + st.history().size() + " versions");
    }

    /**
     * A DISPOSED bundle: the disposal transaction ({@code status.evidence}) wrote a DISPOSE of a record
     * without legal hold, and its timestamp's CST date is after {@code seal.retainUntil} — the
     * chaincode's rule, recomputed from the signed envelope. Its authenticity is status-tx.*.
     */
    private static CheckResult lawfulDisposal(RetentionProof p, JsonNode record) {
        String name = "lawful-disposal";
        BlockEvidence ev = p.status().evidence();
        if (ev == null) {
            return CheckResult.fail(name, "no block evidence of the disposal transaction (status.evidence is null)");
        }
        if (record == null) {
            return CheckResult.fail(name, "the disposal transaction's write set has no readable invoice record");
        }
        Instant txTime;
        LocalDate retainUntil;
        try {
            txTime = FabricEvidence.txTimestamp(ev);
            retainUntil = LocalDate.parse(p.seal().retainUntil());
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable disposal evidence: " + e.getMessage());
        }
        String problem = disposalProblem(record, ev.txId(), txTime, retainUntil);
        return problem != null ? CheckResult.fail(name, problem)
                : CheckResult.pass(name, "disposed by transaction " + ev.txId() + " at " + txTime + " (CST date "
                        + cstDate(txTime) + ", after the retention period ending " + retainUntil
                        + "), not under legal hold");
    }

    /** Null when {@code record}, written by {@code txId} at {@code txTime}, is a lawful disposal. */
    static String disposalProblem(JsonNode record, String txId, Instant txTime, LocalDate retainUntil) {
        if (!DISPOSED.equals(record.path("status").asText())) {
            return "the transaction wrote status " + record.path("status").asText() + ", not DISPOSED";
        }
        JsonNode change = record.path("lastChange");
        if (!"DISPOSE".equals(change.path("action").asText()) || !Objects.equals(txId, change.path("txId").asText())) {
            return "the record's last change is " + change.path("action").asText() + " by "
                    + change.path("txId").asText() + ", not DISPOSE by " + txId;
        }
        if (!record.path("legalHold").isBoolean() || record.path("legalHold").asBoolean()) {
            return "the record is under legal hold (legalHold " + record.path("legalHold") + ")";
        }
        LocalDate txDate = cstDate(txTime);
        if (!txDate.isAfter(retainUntil)) {
            return "disposed at " + txTime + " (CST date " + txDate + "), not after the retention period ending "
                    + retainUntil;
        }
        return null;
    }

    /** The transaction's calendar date in China Standard Time, as the chaincode computes it. */
    static LocalDate cstDate(Instant t) {
        return LocalDate.ofInstant(t, SealEncoding.CST);
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

    /** The RFC 4998 renewal chain (docs/renewal.md): each renewal re-hashes the invoice under a newer algorithm. */
    private List<CheckResult> renewals(RetentionProof p, byte[] document) {
        RenewalVerifier.Subject subject;
        try {
            SealInfo seal = p.seal();
            subject = RenewalVerifier.Subject.of(p.checkpoint().nodeId(), p.invoiceId(), p.inclusion().leafIndex(),
                    seal.docHash(), seal.metaHash(), seal.retainUntil());
        } catch (RuntimeException e) {
            return List.of(CheckResult.fail("renewals", "unusable seal fields: " + e.getMessage()));
        }
        String meta = p.invoice().metadata();
        return new RenewalVerifier(trust).verify(subject, p.renewals(), document,
                meta == null ? null : meta.getBytes(StandardCharsets.UTF_8));
    }

    /** Signed by the checkpoint's key: the NODE key the ledger accepted for the checkpoint. */
    private static CheckResult bundleSignature(RetentionProof p, byte[] signedBytes) {
        String name = "bundle-signature";
        try {
            Sm2Verifier v = verifierFor(p.checkpoint().signer());
            return v.verify(signedBytes, Base64.getDecoder().decode(p.signature()))
                    ? CheckResult.pass(name, "signed by node key " + v.keyId())
                    : CheckResult.fail(name, "SM2 signature over the bundle does not verify");
        } catch (RuntimeException e) {
            return CheckResult.fail(name, "unusable signature: " + e.getMessage());
        }
    }
}
