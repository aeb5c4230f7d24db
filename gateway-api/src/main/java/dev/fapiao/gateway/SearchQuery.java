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
    /** An opaque cursor: unpadded base64url (the key after the issuer's prefix). */
    static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile(
            "(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?");
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
        if (issuer == null || issuer.isEmpty()) {
            issuer = defaultIssuer;
        }
        if (issuer == null || issuer.isEmpty()) {
            errors.add(new FieldError("issuer", "required", "the issuer's credit code"));
        } else if (!InvoicePath.CREDIT_CODE.matcher(issuer).matches()) {
            errors.add(new FieldError("issuer", "bad_format", "a credit code: 18 characters of 0-9 and A-Y without I, O, S, V, Z"));
        }
        LocalDate from = date(param.apply("from"), "from", FIRST_DATE, errors);
        LocalDate to = date(param.apply("to"), "to", LAST_DATE, errors);
        if (to != null && to.isAfter(LAST_DATE)) {
            to = LAST_DATE;
        }
        InvoiceStatus status = null;
        String st = param.apply("status");
        if (st != null && !st.isEmpty()) {
            try {
                status = InvoiceStatus.valueOf(st); // exactly as the contract spells it
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "bad_value", "one of ISSUED, DELIVERED, ACCEPTED, RED_REVERSED, DISPOSED"));
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = param.apply("limit");
        if (l != null && !l.isEmpty()) {
            limit = l.matches("[0-9]{1,4}") ? Integer.parseInt(l) : -1; // digits only, as the contract's integer
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "bad_value", "1 to " + MAX_LIMIT));
            }
        }
        String flag = param.apply("flag");
        flag = flag == null || flag.isEmpty() ? null : flag;
        if (flag != null && !flags.contains(flag)) {
            errors.add(new FieldError("flag", "bad_value", "one of " + String.join(", ", flags)));
        }
        // from after to is an empty range (an empty page), not an error: the contract cannot relate two parameters
        String cursor = param.apply("cursor");
        if (cursor != null && !cursor.isEmpty() && !CURSOR.matcher(cursor).matches()) {
            errors.add(new FieldError("cursor", "bad_value", "not a cursor from a previous page"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new SearchQuery(issuer, from, to, status, cursor == null || cursor.isEmpty() ? null : cursor, limit, flag);
    }

    private static LocalDate date(String v, String field, LocalDate dflt, List<FieldError> errors) {
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            if (!v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) { // RFC 3339 full-date; LocalDate also takes "+10000-01-01"
                throw new DateTimeParseException("not yyyy-MM-dd", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "bad_format", "a date yyyy-MM-dd"));
            return null;
        }
    }
}
