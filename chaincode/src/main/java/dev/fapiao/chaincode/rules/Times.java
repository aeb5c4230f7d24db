package dev.fapiao.chaincode.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants (UTC, ISO-8601, at most millisecond precision) and dates (ISO local dates, in China
 * Standard Time). Stored forms are canonical: {@link Instant#toString()} of a millisecond instant.
 */
public final class Times {

    public static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    private Times() {
    }

    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Fields.invalid(field, "is required");
        }
        Instant t;
        try {
            t = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Fields.invalid(field, "is not an ISO-8601 UTC instant like 2026-11-23T08:00:00Z: '"
                    + Fields.shorten(value) + "'");
        }
        if (t.getNano() % 1_000_000 != 0) {
            throw Fields.invalid(field, "has more than millisecond precision");
        }
        if (t.isBefore(MIN_DATE.atStartOfDay(CST).toInstant()) || t.isAfter(MAX_DATE.atStartOfDay(CST).toInstant())) {
            throw Fields.invalid(field, "is out of range (1970 to 9999)");
        }
        return t;
    }

    public static Instant optionalInstant(String field, String value) {
        return value == null || value.isBlank() ? null : instant(field, value);
    }

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Fields.invalid(field, "is required");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Fields.invalid(field, "is not an ISO-8601 date like 2041-11-23: '" + Fields.shorten(value) + "'");
        }
        if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
            throw Fields.invalid(field, "is out of range (1970 to 9999)");
        }
        return d;
    }

    /** Canonical stored form of an instant. */
    public static String format(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Parses a stored (already validated) instant; null stays null. */
    public static Instant stored(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** The calendar date in China Standard Time. */
    public static LocalDate cstDate(Instant t) {
        return LocalDate.ofInstant(t, CST);
    }

    /** {@code yyyyMMdd}, as used in the {@code issuer~date} index. */
    public static String basicDate(LocalDate d) {
        return BASIC_DATE.format(d);
    }

    /** Milliseconds from a transaction timestamp (which may carry nanoseconds): truncated. */
    public static Instant txInstant(Instant t) {
        try {
            return Instant.ofEpochMilli(t.toEpochMilli());
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalStateException("transaction timestamp out of range", e);
        }
    }
}
