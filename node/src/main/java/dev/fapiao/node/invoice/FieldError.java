package dev.fapiao.node.invoice;

/**
 * One problem with one field.
 *
 * @param field path in the invoice JSON, e.g. {@code lines[2].tax}; empty for the whole document
 * @param code stable machine-readable code, e.g. {@code tax_mismatch}
 * @param message human-readable explanation
 */
public record FieldError(String field, String code, String message) {

    @Override
    public String toString() {
        return (field.isEmpty() ? "" : field + ": ") + message + " [" + code + "]";
    }
}
