package dev.fapiao.node.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.JsonShape;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.evidence.StrictJson;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.renewal.RenewalChain;
import java.util.List;

/**
 * Retention proof bundle, format version 2 (docs/retention-proof.md); version 1 bundles (without
 * {@code enterpriseRegistration}) are still read and verified as before. Plain JSON: every hash is
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
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentClaim documentCheck,
        BlockEvidence enterpriseRegistration) {

    /** The version the node writes. */
    public static final int VERSION = 2;
    /** The first version, without {@code enterpriseRegistration} (still verified). */
    public static final int VERSION_1 = 1;
    private static final String REGISTRATION = "enterpriseRegistration";
    private static final String WHAT = "not a retention proof bundle";
    private static final JsonShape S = JsonShape.STRING;
    private static final JsonShape HISTORY = JsonShape.object().required("txId", S).required("timestamp", S)
            .required("status", S).required("legalHold", JsonShape.BOOLEAN).required("action", S)
            .nullable("reason", S).required("mspId", S).build();
    /** {@link DocumentClaim}, exact members (docs/documents.md, "documentCheck"). */
    static final JsonShape DOCUMENT_CLAIM = JsonShape.object()
            .required("format", S).required("passed", JsonShape.BOOLEAN).required("parts", JsonShape.INT)
            .required("modifiedParts", JsonShape.listOf(S))
            .required("signatures", JsonShape.listOf(JsonShape.object().required("id", S).required("kind", S)
                    .required("value", S).nullable("valueDetail", S).required("trust", S)
                    .nullable("trustReason", S).build()))
            .required("notes", JsonShape.listOf(S)).required("checkedBy", S).build();
    /** Every member of format version 1 (docs/retention-proof.md, "Parsing"). */
    static final JsonShape SHAPE_V1 = members(JsonShape.object()).build();
    /** Version 2: version 1 and the registry evidence of {@code seal.enterprise} (null without one). */
    static final JsonShape SHAPE = members(JsonShape.object()).nullable(REGISTRATION, BlockEvidence.SHAPE).build();

    private static final JsonShape VERSION_ONLY = JsonShape.object().required("version", JsonShape.INT).build();

    private static JsonShape.ObjBuilder members(JsonShape.ObjBuilder b) {
        return b
            .required("version", JsonShape.INT).required("invoiceId", S).required("generatedAt", S)
            .required("invoice", JsonShape.object().required("issuer", S).required("number", S)
                    .required("contentType", S).required("documentSize", JsonShape.LONG).required("metadata", S).build())
            .required("seal", JsonShape.object().required("docHash", S).required("metaHash", S)
                    .required("issueTime", S).required("retainUntil", S).required("encodingVersion", JsonShape.INT)
                    .required("node", Signer.SHAPE).nullable("enterprise", Signer.SHAPE).build())
            .required("anchoring", BlockEvidence.SHAPE)
            .required("inclusion", JsonShape.object().required("leafIndex", JsonShape.LONG)
                    .required("treeSize", JsonShape.LONG).required("path", JsonShape.listOf(S)).build())
            .required("checkpoint", JsonShape.object().required("nodeId", S).required("treeSize", JsonShape.LONG)
                    .required("rootHash", S).required("signer", Signer.SHAPE)
                    .required("anchoring", BlockEvidence.SHAPE).build())
            .required("status", JsonShape.object().required("status", S).required("legalHold", JsonShape.BOOLEAN)
                    .required("history", JsonShape.listOf(HISTORY)).nullable("evidence", BlockEvidence.SHAPE).build())
            .required("retention", JsonShape.object().required("retainUntil", S)
                    .required("legalHold", JsonShape.BOOLEAN).build())
            .required("renewals", RenewalChain.SHAPE)
            // the node's claim about the document (node.document), re-checked by its own verifier step
            .optional("documentCheck", DOCUMENT_CLAIM)
            .required("signature", S);
    }

    /** A bundle as received: the bound record and the canonical bytes its {@code signature} must cover. */
    public record Received(RetentionProof proof, byte[] signedBytes) {
    }

    /** A bundle without a document claim (an invoice whose document the node did not read). */
    public RetentionProof(int version, String invoiceId, String generatedAt, InvoiceInfo invoice, SealInfo seal,
            BlockEvidence anchoring, Inclusion inclusion, CheckpointInfo checkpoint, StatusInfo status,
            Retention retention, RenewalChain renewals, String signature) {
        this(version, invoiceId, generatedAt, invoice, seal, anchoring, inclusion, checkpoint, status, retention,
                renewals, signature, null, null);
    }

    /** As before version 2: no registry evidence. */
    public RetentionProof(int version, String invoiceId, String generatedAt, InvoiceInfo invoice, SealInfo seal,
            BlockEvidence anchoring, Inclusion inclusion, CheckpointInfo checkpoint, StatusInfo status,
            Retention retention, RenewalChain renewals, String signature, DocumentClaim documentCheck) {
        this(version, invoiceId, generatedAt, invoice, seal, anchoring, inclusion, checkpoint, status, retention,
                renewals, signature, documentCheck, null);
    }

    /**
     * The node's claim about the document, made when it arrived (docs/documents.md, "documentCheck"):
     * signed with the bundle, not re-verified by the bundle checks; {@code invoice-node verify-proof
     * --document} re-checks it against the document. Optional: absent when the node did not read it.
     */
    public record DocumentClaim(String format, boolean passed, int parts, List<String> modifiedParts,
            List<SignatureClaim> signatures, List<String> notes, String checkedBy) {
    }

    /** One signature of {@link DocumentClaim}: value VALID / INVALID / NOT_CHECKED, trust TRUSTED / UNTRUSTED / NOT_CONFIGURED / REVOKED. */
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
                status, retention, renewals, newSignature, documentCheck, enterpriseRegistration);
    }

    /** The bytes {@code signature} covers: canonical JSON without the signature member. */
    public byte[] signedBytes() {
        return signedBytes(tree());
    }

    /** The JSON tree of this bundle's version: a version 1 bundle has no {@code enterpriseRegistration}. */
    private ObjectNode tree() {
        ObjectNode tree = JSON.valueToTree(this);
        if (version == VERSION_1) {
            tree.remove(REGISTRATION);
        }
        return tree;
    }

    private static byte[] signedBytes(JsonNode bundle) {
        ObjectNode tree = ((ObjectNode) bundle).deepCopy();
        tree.remove("signature");
        return CanonicalJson.canonicalize(tree.toString());
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a bundle.
     *
     * @throws MalformedProofException when the text is not a version 1 or 2 bundle
     */
    public static RetentionProof parse(String json) {
        return receive(json).proof();
    }

    /**
     * Parses a bundle strictly (no duplicate, every member of its exact type, no other) and keeps the
     * canonical form of the JSON as received, which {@code signature} must cover (never a re-serialised copy).
     *
     * @throws MalformedProofException naming the member, when the text is not a version 1 or 2 bundle
     */
    public static Received receive(String json) {
        JsonNode tree = StrictJson.parse(json, WHAT);
        // the version decides the shape; a version 1 bundle has exactly the members it always had
        JsonNode v = tree.path("version");
        if (!v.isMissingNode()) { // a version that is no integer is named as such, whatever else differs
            JsonShape.check(JSON.createObjectNode().set("version", v), VERSION_ONLY, WHAT);
        }
        boolean v1 = v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == VERSION_1;
        JsonShape.check(tree, v1 ? SHAPE_V1 : SHAPE, WHAT);
        int version = tree.get("version").asInt();
        if (version != VERSION && version != VERSION_1) {
            throw new MalformedProofException("unsupported bundle version " + tree.get("version") + " (expected "
                    + VERSION_1 + " or " + VERSION + ")");
        }
        RetentionProof p = JSON.convertValue(tree, RetentionProof.class);
        return new Received(p, signedBytes(tree));
    }
}
