package dev.fapiao.node.service;

import dev.fapiao.node.invoice.FieldError;
import java.util.List;

/**
 * The document cannot stand as submitted: unusable (a bomb, a DTD, an escaping path, malformed, a declared
 * type its bytes contradict), or a document-only submission whose fields cannot be read from it (each
 * named). Nothing was written. (HTTP: 422.)
 */
public final class DocumentRefusedException extends RuntimeException {
    private final transient List<FieldError> errors;

    DocumentRefusedException(List<FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
