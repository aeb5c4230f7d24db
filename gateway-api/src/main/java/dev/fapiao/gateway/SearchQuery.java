package dev.fapiao.gateway;

import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.model.InvoiceStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code GET /v1/invoices?issuer&from&to&status&flag&limit&cursor}, checked; {@code cursor} null for the first
 * page, {@code flag} (an anomaly kind, docs/documents.md) null for any.
 */
record SearchQuery(String issuer, LocalDate from, LocalDate to, InvoiceStatus status, String cursor, int limit,
                   String flag) {

    SearchQuery(String issuer, LocalDate from, LocalDate to, InvoiceStatus status, String cursor, int limit) {
        this(issuer, from, to, status, cursor, limit, null);
    }

    static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
    /** The index keys hold 4-digit years. */
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 30);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /**
     * Reads the query's parameters; {@code defaultIssuer} (may be null) stands in for a missing issuer.
     *
     * @throws ApiException 400 naming every bad parameter
     */
    static SearchQuery parse(UnaryOperator<String> param, String defaultIssuer) {
        return parse(param, defaultIssuer, List.of());
    }

    /** As above; {@code flags} are the anomaly flag names {@code flag} may take. */
    static SearchQuery parse(UnaryOperator<String> param, String defaultIssuer, java.util.Collection<String> flags) {
        List<FieldError> errors = new ArrayList<>();
        String issuer = param.apply("issuer");
        if (issuer == null || issuer.isBlank()) {
            issuer = defaultIssuer;
        }
        if (issuer == null || issuer.isBlank()) {
            errors.add(new FieldError("issuer", "required", "the issuer's credit code"));
        }
        LocalDate from = date(param.apply("from"), "from", FIRST_DATE, errors);
        LocalDate to = date(param.apply("to"), "to", LAST_DATE, errors);
        if (to != null && to.isAfter(LAST_DATE)) {
            to = LAST_DATE;
        }
        InvoiceStatus status = null;
        String st = param.apply("status");
        if (st != null && !st.isBlank()) {
            try {
                status = InvoiceStatus.valueOf(st.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "bad_value", "one of ISSUED, DELIVERED, ACCEPTED, RED_REVERSED, DISPOSED"));
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = param.apply("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "bad_value", "1 to " + MAX_LIMIT));
            }
        }
        String flag = param.apply("flag");
        flag = flag == null || flag.isBlank() ? null : flag.strip();
        if (flag != null && !flags.contains(flag)) {
            errors.add(new FieldError("flag", "bad_value", "one of " + String.join(", ", flags)));
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "bad_value", "after 'to'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String cursor = param.apply("cursor");
        return new SearchQuery(issuer, from, to, status, cursor == null || cursor.isBlank() ? null : cursor, limit, flag);
    }

    private static LocalDate date(String v, String field, LocalDate dflt, List<FieldError> errors) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "bad_format", "a date yyyy-MM-dd"));
            return null;
        }
    }
}
