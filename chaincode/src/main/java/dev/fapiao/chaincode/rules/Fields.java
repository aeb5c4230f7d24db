package dev.fapiao.chaincode.rules;

import java.util.Base64;
import java.util.regex.Pattern;

/** Validation of argument fields; every failure is INVALID_ARGUMENT naming the field. */
public final class Fields {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MAX_TEXT = 1024;

    private Fields() {
    }

    public static LedgerException invalid(String field, String problem) {
        return ErrorCode.INVALID_ARGUMENT.error(field + ": " + problem);
    }

    /** A required non-blank string of at most {@link #MAX_TEXT} characters. */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(field, "is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** An optional string: blank becomes null. */
    public static String optionalText(String field, String value) {
        return value == null || value.isBlank() ? null : text(field, value);
    }

    /** 64 lowercase hex characters (SM3 hashes and key ids). */
    public static String hash(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (!HASH.matcher(value).matches()) {
            throw invalid(field, "must be 64 lowercase hex characters, got '" + shorten(value) + "'");
        }
        return value;
    }

    public static String nodeId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        if (!NODE_ID.matcher(value).matches()) {
            throw invalid(field, "must be 1-64 characters of A-Z a-z 0-9 . _ - , got '" + shorten(value) + "'");
        }
        return value;
    }

    /** Standard base64 (padding optional), decoded. */
    public static byte[] base64(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not base64: " + e.getMessage());
        }
    }

    public static long nonNegativeLong(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw invalid(field, "must not be negative, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(field, "is not an integer: '" + shorten(value) + "'");
        }
    }

    public static int intInRange(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw invalid(field, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(field, "is not an integer: '" + shorten(value) + "'");
        }
    }

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got '" + shorten(value) + "'");
        }
    }

    /** A value for an error message: at most 80 characters. */
    public static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
