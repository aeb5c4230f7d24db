package dev.fapiao.gateway;

import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.model.AuditEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code GET /v1/audit?from&to&actor&cursor&limit}, checked. {@code from} (inclusive) and {@code to}
 * (exclusive) are RFC 3339 date-times with an offset, or dates: a China Standard Time day, {@code to}
 * then up to the end of that day; {@code from} at or after {@code to} is an empty window (an empty
 * answer, as invoice search gives: the contract cannot say "before"). {@code actor} matches exactly; {@code cursor} is the {@code seq} of the
 * last entry of a full page (0 or absent: from the start).
 */
record AuditQuery(Instant from, Instant to, String actor, long cursor, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** @throws ApiException 400 naming every bad parameter */
    static AuditQuery parse(UnaryOperator<String> param) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = time(param.apply("from"), "from", false, errors);
        Instant to = time(param.apply("to"), "to", true, errors);
        String actor = param.apply("actor");
        if (actor != null && (actor.isEmpty() || actor.length() > 200 || actor.chars().anyMatch(c -> c < 0x20))) {
            errors.add(new FieldError("actor", "bad_value", "1 to 200 printable characters, e.g. enterprise:acme"));
        }
        long cursor = 0;
        String c = param.apply("cursor");
        if (c != null) {
            cursor = c.matches("[0-9]{1,18}") ? Long.parseLong(c) : -1;
            if (cursor < 0) {
                errors.add(new FieldError("cursor", "bad_value", "the seq of the last entry of the previous page"));
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = param.apply("limit");
        if (l != null) {
            limit = l.matches("[0-9]{1,4}") ? Integer.parseInt(l) : -1;
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "bad_value", "1 to " + MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new AuditQuery(from, to, actor, cursor, limit);
    }

    /** True when {@code e} lies in the time window and matches the actor. */
    boolean matches(AuditEntry e) {
        return (from == null || !e.time().isBefore(from)) && (to == null || e.time().isBefore(to))
                && (actor == null || actor.equals(e.actor()));
    }

    private static Instant time(String v, String field, boolean end, List<FieldError> errors) {
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (end ? d.plusDays(1) : d).atStartOfDay(CST).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (java.time.DateTimeException e) {
            errors.add(new FieldError(field, "bad_format", "a date-time with offset (2026-12-01T08:00:00+08:00) or a date"));
            return null;
        }
    }
}
