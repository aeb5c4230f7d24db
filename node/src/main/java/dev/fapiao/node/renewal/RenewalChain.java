package dev.fapiao.node.renewal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.evidence.BlockEvidence;
import dev.fapiao.node.evidence.JsonShape;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.Signer;
import dev.fapiao.node.evidence.StrictJson;
import java.util.List;

/**
 * The chain of renewals that covers one invoice (docs/renewal.md): every anchored renewal of the
 * node whose log tree holds the invoice's leaf, oldest first. Empty {@code steps} when none does
 * yet. Plain JSON like the retention proof bundle: hashes lowercase hex, signatures and raw blocks
 * base64.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RenewalChain(int version, String invoiceId, List<RenewalStep> steps) {

    public static final int VERSION = 1;

    private static final JsonShape STRINGS = JsonShape.listOf(JsonShape.STRING);
    /**
     * A step's members are all present; the renewal checks judge null ones (a step is evidence
     * the verifier reports on check by check, docs/renewal.md).
     */
    private static final JsonShape STEP = JsonShape.object()
            .nullable("nodeId", JsonShape.STRING).required("sequence", JsonShape.LONG)
            .nullable("algorithm", JsonShape.STRING).required("treeSize", JsonShape.LONG)
            .nullable("rootHash", JsonShape.STRING).required("logTreeSize", JsonShape.LONG)
            .nullable("logRootHash", JsonShape.STRING)
            .nullable("previous", JsonShape.object().nullable("algorithm", JsonShape.STRING)
                    .required("treeSize", JsonShape.LONG).nullable("rootHash", JsonShape.STRING).build())
            .nullable("leaf", JsonShape.object().nullable("invoiceId", JsonShape.STRING)
                    .required("leafIndex", JsonShape.LONG).nullable("documentHash", JsonShape.STRING)
                    .nullable("metadataHash", JsonShape.STRING).nullable("retainUntil", JsonShape.STRING)
                    .nullable("previousKind", JsonShape.STRING).nullable("previousLeafHash", JsonShape.STRING).build())
            .nullable("path", STRINGS).nullable("linkPath", STRINGS).nullable("logPath", STRINGS)
            .nullable("signer", Signer.SHAPE).nullable("anchoring", BlockEvidence.SHAPE).build();
    /** The chain's JSON shape, also the {@code renewals} member of a retention proof bundle. */
    public static final JsonShape SHAPE = JsonShape.object().required("version", JsonShape.INT)
            .required("invoiceId", JsonShape.STRING).required("steps", JsonShape.listOf(STEP)).build();

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    public RenewalChain {
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** A chain with no renewal (none covers the invoice yet). */
    public static RenewalChain none(String invoiceId) {
        return new RenewalChain(VERSION, invoiceId, List.of());
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a chain.
     *
     * @throws MalformedProofException when the text is not a version 1 chain
     */
    public static RenewalChain parse(String json) {
        String what = "not a renewal chain";
        JsonNode tree = StrictJson.parse(json, what);
        JsonShape.check(tree, SHAPE, what);
        return bind(tree);
    }

    /** Binds a tree that has {@link #SHAPE}; refuses another version. */
    public static RenewalChain bind(JsonNode tree) {
        RenewalChain c = JSON.convertValue(tree, RenewalChain.class);
        if (c.version() != VERSION) {
            throw new MalformedProofException("unsupported renewal chain version " + c.version() + " (expected "
                    + VERSION + ")");
        }
        return c;
    }
}
