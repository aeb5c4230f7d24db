package dev.fapiao.chaincode.rules;

/** An invoice id: issuer credit code (18) + invoice number (20 digits). */
public record InvoiceId(String value, String issuer, String number) {

    public static final int LENGTH = 38;

    /** Parses and validates as an argument field. */
    public static InvoiceId parse(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw Fields.invalid(field, "is required");
        }
        if (value.length() != LENGTH) {
            throw Fields.invalid(field, "an invoice id is 38 characters (credit code + 20-digit number), got "
                    + value.length() + ": '" + Fields.shorten(value) + "'");
        }
        String issuer = value.substring(0, 18);
        String number = value.substring(18);
        String problem = CreditCode.problem(issuer);
        if (problem != null) {
            throw Fields.invalid(field, "issuer part '" + issuer + "' is not a valid credit code (" + problem + ")");
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                throw Fields.invalid(field, "invoice number part '" + number + "' must be 20 digits");
            }
        }
        return new InvoiceId(value, issuer, number);
    }
}
