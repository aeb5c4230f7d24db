package dev.fapiao.node.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DocumentCheck} as the JSON claim that travels with an archived invoice (the archive record,
 * {@code GET /v1/invoices/{id}}, provenance, the retention proof bundle), and the comparison of such a
 * claim with a fresh check of the same document. The members (docs/documents.md, "documentCheck"):
 * {@code format}, {@code passed}, {@code parts} (how many), {@code modifiedParts}, {@code signatures}
 * ({@code id}, {@code kind}, {@code value}, {@code valueDetail}, {@code trust}, {@code trustReason}),
 * {@code notes}, {@code checkedBy}. Only strings, booleans and small integers, so its RFC 8785 form is
 * the same in Java and JavaScript.
 */
public final class DocumentClaims {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentClaims() {
    }

    /** The claim for {@code check}. */
    public static ObjectNode claim(DocumentCheck check) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", check.format().name());
        n.put("passed", check.passed());
        n.put("parts", check.parts().size());
        ArrayNode modified = n.putArray("modifiedParts");
        check.modifiedParts().forEach(modified::add);
        ArrayNode sigs = n.putArray("signatures");
        for (SignatureCheck s : check.signatures()) {
            sigs.addObject().put("id", s.id()).put("kind", s.kind()).put("value", s.value().name())
                    .put("valueDetail", s.valueDetail()).put("trust", s.trust().status().name())
                    .put("trustReason", s.trust().reason());
        }
        ArrayNode notes = n.putArray("notes");
        check.notes().forEach(notes::add);
        n.put("checkedBy", check.checkedBy());
        return n;
    }

    /**
     * What a fresh check of the document contradicts in {@code claim}, one line each; empty when the
     * document still says what the node claimed: the same format, the same parts modified, every
     * claimed signature present with the same value verdict. Trust is not compared: it depends on the
     * seal CAs the checker configured, so the caller reports it apart.
     */
    public static List<String> contradictions(JsonNode claim, DocumentCheck fresh) {
        Objects.requireNonNull(claim, "claim");
        List<String> out = new ArrayList<>();
        if (!fresh.format().name().equals(claim.path("format").asText())) {
            out.add("format: claimed " + claim.path("format").asText() + ", the document is " + fresh.format());
        }
        List<String> claimedModified = new ArrayList<>();
        claim.path("modifiedParts").forEach(p -> claimedModified.add(p.asText()));
        if (!claimedModified.equals(fresh.modifiedParts())) {
            out.add("modified parts: claimed " + claimedModified + ", found " + fresh.modifiedParts());
        }
        for (JsonNode s : claim.path("signatures")) {
            String id = s.path("id").asText();
            SignatureCheck found = fresh.signatures().stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
            if (found == null) {
                out.add("signature " + id + ": claimed, not in the document");
            } else if (!found.value().name().equals(s.path("value").asText())) {
                out.add("signature " + id + ": claimed " + s.path("value").asText() + ", found " + found.value()
                        + " (" + found.valueDetail() + ")");
            }
        }
        if (claim.path("signatures").size() != fresh.signatures().size()) {
            out.add("signatures: claimed " + claim.path("signatures").size() + ", found " + fresh.signatures().size());
        }
        return out;
    }
}
