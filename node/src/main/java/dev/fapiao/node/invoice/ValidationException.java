package dev.fapiao.node.invoice;

import java.util.List;
import java.util.stream.Collectors;

/** An invoice (or its JSON) was rejected; carries every problem found. */
public class ValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        String shown = errors.stream().limit(10).map(FieldError::toString).collect(Collectors.joining("; "));
        return "invalid invoice (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "): " + shown
                + (errors.size() > 10 ? "; …" : "");
    }
}
