package dev.fapiao.node.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The submitted fields say something else than the document itself: each differing field with both
 * values. Nothing was written. (HTTP: 422, one error per field.)
 */
public final class DocumentMismatchException extends RuntimeException {

    /**
     * One differing field.
     *
     * @param field     the invoice field as the request names it relative to the invoice ({@code seller.creditCode})
     * @param submitted the value the caller sent
     * @param document  the value read from the document
     * @param source    the part of the document it was read from
     */
    public record Mismatch(String field, String submitted, String document, String source) {
    }

    private final transient List<Mismatch> mismatches;

    DocumentMismatchException(List<Mismatch> mismatches) {
        super("the submitted fields differ from the document: " + mismatches.stream()
                .map(m -> m.field() + " submitted " + m.submitted() + ", document " + m.document())
                .collect(Collectors.joining("; ")));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<Mismatch> mismatches() {
        return mismatches;
    }
}
