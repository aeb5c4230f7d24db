package dev.fapiao.chaincode.rules;

/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters of
 * {@code 0-9A-HJ-NP-RTUW-Y}, the last a check character over the first 17.
 */
public final class CreditCode {

    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** The check character for the first 17 characters, or -1 if one is not in the alphabet. */
    public static char checkChar(CharSequence first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                return (char) -1;
            }
            sum += v * WEIGHTS[i];
        }
        int check = 31 - (sum % 31);
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Null when {@code code} is valid, else what is wrong. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "is required";
        }
        if (code.length() != 18) {
            return "must be 18 characters, got " + code.length();
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " '" + code.charAt(i) + "' is not one of " + ALPHABET;
            }
        }
        char expected = checkChar(code.subSequence(0, 17));
        if (code.charAt(17) != expected) {
            return "check character is '" + code.charAt(17) + "', expected '" + expected + "'";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** Validates as an argument field (INVALID_ARGUMENT naming it). */
    public static String require(String field, String code) {
        String problem = problem(code);
        if (problem != null) {
            throw Fields.invalid(field, "not a valid credit code (" + problem + ")"
                    + (code == null || code.isEmpty() ? "" : ": '" + Fields.shorten(code) + "'"));
        }
        return code;
    }
}
