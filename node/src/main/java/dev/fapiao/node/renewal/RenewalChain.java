package dev.fapiao.node.renewal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.evidence.MalformedProofException;
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
        RenewalChain c;
        try {
            c = JSON.readValue(json, RenewalChain.class);
        } catch (JsonProcessingException e) {
            throw new MalformedProofException("not a renewal chain: " + e.getOriginalMessage());
        }
        if (c == null || c.invoiceId() == null || c.steps() == null) {
            throw new MalformedProofException("not a renewal chain: a required member is missing");
        }
        if (c.version() != VERSION) {
            throw new MalformedProofException("unsupported renewal chain version " + c.version() + " (expected "
                    + VERSION + ")");
        }
        return c;
    }
}
