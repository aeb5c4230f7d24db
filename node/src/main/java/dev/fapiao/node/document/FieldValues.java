package dev.fapiao.node.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of field values as invoices write them. A value that does not parse is a malformed document,
 * not a silently missing field.
 */
public final class FieldValues {
    private static final Pattern CN_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日.*");
    private static final Pattern ISO_PREFIX = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})([ T].*)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{0,6})");

    private FieldValues() {
    }

    /** A decimal amount ({@code 318.00}, {@code -1.5}); null stays null. */
    public static BigDecimal amount(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw malformed(what, text);
        }
    }

    /**
     * A tax rate as a fraction: {@code 6%} and {@code 0.06} are both {@code 0.06}; words such as 免税
     * (exempt) are no rate (null), as is null.
     */
    public static BigDecimal rate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        boolean percent = s.endsWith("%");
        try {
            BigDecimal d = new BigDecimal(percent ? s.substring(0, s.length() - 1).strip() : s);
            return percent ? d.movePointLeft(2) : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A date as {@code 2020-10-10}, {@code 2020-10-10 15:11:19} / {@code …T…}, {@code 20201010}
     * (UNTDID 2379 format 102) or {@code 2020年10月10日}; null stays null.
     */
    public static LocalDate date(String text, String what) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        Matcher m;
        try {
            if ((m = CN_DATE.matcher(s)).matches() || (m = ISO_PREFIX.matcher(s)).matches()
                    || (m = COMPACT.matcher(s)).matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (java.time.DateTimeException e) {
            throw malformed(what, text);
        }
        throw malformed(what, text);
    }

    private static DocumentException malformed(String what, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new DocumentException(DocumentException.Reason.MALFORMED, what + ": cannot read '" + shown + "'");
    }
}
