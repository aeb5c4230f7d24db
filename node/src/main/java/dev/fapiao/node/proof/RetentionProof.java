package dev.fapiao.node.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.renewal.RenewalChain;
import java.util.List;

/**
 * Retention proof bundle, format version 1 (docs/retention-proof.md). Plain JSON: every hash is
 * lowercase hex, every signature and raw block standard padded base64, times ISO-8601 UTC.
 * {@code signature} is the node's SM2 signature (base64 DER) over the RFC 8785 canonical JSON of
 * the bundle without the {@code signature} member.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RetentionProof(
        int version,
        String invoiceId,
        String generatedAt,
        InvoiceInfo invoice,
        SealInfo seal,
        BlockEvidence anchoring,
        Inclusion inclusion,
        CheckpointInfo checkpoint,
        StatusInfo status,
        Retention retention,
        RenewalChain renewals,
        String signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentClaim documentCheck) {

    public static final int VERSION = 1;

    /** A bundle without a document claim (an invoice whose document the node did not read). */
    public RetentionProof(int version, String invoiceId, String generatedAt, InvoiceInfo invoice, SealInfo seal,
            BlockEvidence anchoring, Inclusion inclusion, CheckpointInfo checkpoint, StatusInfo status,
            Retention retention, RenewalChain renewals, String signature) {
        this(version, invoiceId, generatedAt, invoice, seal, anchoring, inclusion, checkpoint, status, retention,
                renewals, signature, null);
    }

    /**
     * The node's claim about the document, made when it arrived (docs/documents.md, "documentCheck"):
     * signed with the bundle, not re-verified by the bundle checks; {@code invoice-node verify-proof
     * --document} re-checks it against the document. Optional: absent when the node did not read it.
     */
    public record DocumentClaim(String format, boolean passed, int parts, List<String> modifiedParts,
            List<SignatureClaim> signatures, List<String> notes, String checkedBy) {
    }

    /** One signature of {@link DocumentClaim}: value VALID / INVALID / NOT_CHECKED, trust TRUSTED / UNTRUSTED / NOT_CONFIGURED. */
    public record SignatureClaim(String id, String kind, String value, String valueDetail, String trust,
            String trustReason) {
    }

    /** The claim as the archive record stores it (JSON); null stays null. */
    static DocumentClaim claim(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, DocumentClaim.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable documentCheck in the archive record: " + e.getOriginalMessage(), e);
        }
    }

    /** Invoice metadata: the canonical JSON whose SM3 is {@code seal.metaHash}. */
    public record InvoiceInfo(String issuer, String number, String contentType, long documentSize, String metadata) {
    }

    /** The node seal and, when the enterprise signed, its signature; keys as PEM SubjectPublicKeyInfo. */
    public record SealInfo(String docHash, String metaHash, String issueTime, String retainUntil,
            int encodingVersion, Signer node, Signer enterprise) {
    }

    /** RFC 9162 inclusion proof of the invoice's leaf (SM3) against {@code checkpoint}. */
    public record Inclusion(long leafIndex, long treeSize, List<String> path) {
    }

    /** The signed checkpoint the inclusion proof leads to, and the block that anchored it. */
    public record CheckpointInfo(String nodeId, long treeSize, String rootHash, Signer signer,
            BlockEvidence anchoring) {
    }

    /**
     * Current status and the ledger's history of the invoice record, newest first. {@code evidence}
     * is the block of the newest version's transaction ({@code history[0]}), null when that is the
     * anchoring transaction itself (then {@code anchoring} is the evidence).
     */
    public record StatusInfo(String status, boolean legalHold, List<HistoryEntry> history, BlockEvidence evidence) {
    }

    public record HistoryEntry(String txId, String timestamp, String status, boolean legalHold, String action,
            String reason, String mspId) {
    }

    public record Retention(String retainUntil, boolean legalHold) {
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    public RetentionProof withSignature(String newSignature) {
        return new RetentionProof(version, invoiceId, generatedAt, invoice, seal, anchoring, inclusion, checkpoint,
                status, retention, renewals, newSignature, documentCheck);
    }

    /** The bytes {@code signature} covers: canonical JSON without the signature member. */
    public byte[] signedBytes() {
        ObjectNode tree = JSON.valueToTree(this);
        tree.remove("signature");
        return CanonicalJson.canonicalize(tree.toString());
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a bundle.
     *
     * @throws MalformedProofException when the text is not a version 1 bundle
     */
    public static RetentionProof parse(String json) {
        RetentionProof p;
        try {
            p = JSON.readValue(json, RetentionProof.class);
        } catch (JsonProcessingException e) {
            throw new MalformedProofException("not a retention proof bundle: " + e.getOriginalMessage());
        }
        if (p == null) {
            throw new MalformedProofException("not a retention proof bundle: empty");
        }
        if (p.version() != VERSION) {
            throw new MalformedProofException("unsupported bundle version " + p.version() + " (expected " + VERSION + ")");
        }
        if (p.invoiceId() == null || p.invoice() == null || p.seal() == null || p.seal().node() == null
                || p.anchoring() == null || p.inclusion() == null || p.checkpoint() == null
                || p.checkpoint().anchoring() == null || p.checkpoint().signer() == null || p.status() == null
                || p.retention() == null || p.renewals() == null || p.renewals().steps() == null
                || p.signature() == null) {
            throw new MalformedProofException("not a retention proof bundle: a required member is missing");
        }
        return p;
    }
}
