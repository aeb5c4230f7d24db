package dev.fapiao.node.invoice;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
 * check character over the first 17. The embedded organisation code (GB 11714) has its own
 * check digit, which we deliberately do not verify (the chaincode does not either).
 */
public record CreditCode(String value) {

    /** The 31 allowed characters; a character's value is its index (no I, O, S, V, Z). */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    public static final int LENGTH = 18;

    public CreditCode {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid credit code '" + value + "': " + problem);
        }
    }

    public static CreditCode parse(String value) {
        return new CreditCode(value);
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /**
     * The check character for the first 17 characters of a code.
     *
     * @throws IllegalArgumentException if {@code first17} is not 17 characters of the charset
     */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("expected 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int v = CHARSET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' at " + (i + 1) + " is not allowed");
            }
            sum += v * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    /** A stable error code ("required", "bad_length", "bad_charset", "check_digit") or null if valid. */
    static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "required";
        }
        if (value.length() != LENGTH) {
            return "bad_length";
        }
        for (int i = 0; i < LENGTH; i++) {
            if (CHARSET.indexOf(value.charAt(i)) < 0) {
                return "bad_charset";
            }
        }
        return checkCharacter(value.subSequence(0, LENGTH - 1)) == value.charAt(LENGTH - 1) ? null : "check_digit";
    }

    static String describe(String code) {
        return switch (code) {
            case "required" -> "credit code is required";
            case "bad_length" -> "credit code must be 18 characters";
            case "bad_charset" -> "credit code may only contain 0-9 and A-Y without I, O, S, V, Z (upper case)";
            case "check_digit" -> "credit code check character is wrong (GB 32100-2015)";
            default -> code;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
