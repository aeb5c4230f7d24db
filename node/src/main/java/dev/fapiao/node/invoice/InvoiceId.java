package dev.fapiao.node.invoice;

/** The ledger's invoice id: issuer (seller) credit code followed by the 20-digit invoice number. */
public record InvoiceId(CreditCode issuer, String number) {

    public static final int LENGTH = CreditCode.LENGTH + Invoice.NUMBER_LENGTH;

    public InvoiceId {
        if (issuer == null) {
            throw new IllegalArgumentException("issuer is required");
        }
        if (!Invoice.isNumber(number)) {
            throw new IllegalArgumentException("invoice number must be 20 digits: '" + number + "'");
        }
    }

    public static InvoiceId of(String issuerCode, String number) {
        return new InvoiceId(CreditCode.parse(issuerCode), number);
    }

    /** Parses the 38-character form. */
    public static InvoiceId parse(String id) {
        String problem = problem(id);
        if (problem != null) {
            throw new IllegalArgumentException("invalid invoice id '" + id + "': " + describe(problem));
        }
        return new InvoiceId(new CreditCode(id.substring(0, CreditCode.LENGTH)), id.substring(CreditCode.LENGTH));
    }

    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /** A stable error code or null; the credit code's own codes pass through. */
    static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "required";
        }
        if (id.length() != LENGTH) {
            return "bad_length";
        }
        String codeProblem = CreditCode.problem(id.substring(0, CreditCode.LENGTH));
        if (codeProblem != null) {
            return codeProblem;
        }
        return Invoice.isNumber(id.substring(CreditCode.LENGTH)) ? null : "not_20_digits";
    }

    static String describe(String code) {
        return switch (code) {
            case "bad_length" -> "invoice id must be 38 characters (18-character credit code + 20-digit number)";
            case "not_20_digits" -> "invoice id must end in a 20-digit invoice number";
            default -> CreditCode.describe(code);
        };
    }

    /** The 38-character form. */
    public String format() {
        return issuer.value() + number;
    }

    @Override
    public String toString() {
        return format();
    }
}
