package dev.fapiao.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range:} header (RFC 9110, one {@code bytes=} range) asks of a document of a known
 * length: the whole of it, one slice, or nothing satisfiable. Multiple or malformed ranges, and a
 * stale {@code If-Range}, ask for the whole document (RFC 9110 allows ignoring them).
 */
sealed interface ByteRange {

    Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Send the whole document (200). */
    record Whole() implements ByteRange {}

    /** Send bytes {@code start} to {@code end}, both inclusive (206). */
    record Slice(long start, long end) implements ByteRange {
        String contentRange(long length) {
            return "bytes " + start + "-" + end + "/" + length;
        }
    }

    /** Nothing of the document is in the range (416). */
    record Unsatisfiable() implements ByteRange {}

    static ByteRange parse(String range, String ifRange, String etag, long length) {
        if (range == null || (ifRange != null && !ifRange.equals(etag))) {
            return new Whole();
        }
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        long start;
        long end;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, length - suffix);
                end = length - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
            }
        } catch (NumberFormatException e) {
            return new Unsatisfiable(); // beyond any length we hold
        }
        return start >= length || end < start ? new Unsatisfiable() : new Slice(start, end);
    }
}
