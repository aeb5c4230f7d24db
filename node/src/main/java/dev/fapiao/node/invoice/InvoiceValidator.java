package dev.fapiao.node.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks an {@link Invoice} and reports every problem at once, each with the JSON path of
 * the field and a stable code. Arithmetic is exact ({@link BigDecimal}); see
 * {@code docs/invoice-model.md} for the rules.
 */
public final class InvoiceValidator {

    public static final int MAX_LINES = 2000;
    public static final int MAX_NAME_LENGTH = 300;
    public static final int MAX_REMARKS_LENGTH = 1000;
    /** Tolerance for tax = amount × rate and for quantity × unit price = amount. */
    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    /** Every decimal must be below this in magnitude; also keeps arithmetic on hostile input cheap. */
    static final BigDecimal MAX_MAGNITUDE = BigDecimal.TEN.pow(15);
    static final int MONEY_SCALE = 2;
    /** Decimal places allowed for quantity and unit price. */
    static final int FACTOR_SCALE = 15;
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final int TAX_CODE_LENGTH = 19;

    private final Clock clock;
    private final InvoicePolicy policy;

    public InvoiceValidator(Clock clock) {
        this(clock, InvoicePolicy.DEFAULT);
    }

    public InvoiceValidator(Clock clock, InvoicePolicy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** All problems, in field order; empty if the invoice is valid. */
    public List<FieldError> validate(Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return new Run(invoice).errors;
    }

    /** Returns the invoice if valid, else throws with every problem. */
    public Invoice check(Invoice invoice) {
        List<FieldError> errors = validate(invoice);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return invoice;
    }

    /** Sign rule for money and quantities: red-letter invoices carry negative values. */
    private enum Sign { NON_NEGATIVE, NON_POSITIVE, ANY }

    /** One validation pass; collects errors in field order. */
    private final class Run {
        final List<FieldError> errors = new ArrayList<>();
        final Invoice inv;
        final Sign sign;

        Run(Invoice inv) {
            this.inv = inv;
            // without a type we cannot know the sign, so do not guess
            this.sign = inv.type() == null ? Sign.ANY
                    : inv.type() == InvoiceType.RED_LETTER ? Sign.NON_POSITIVE : Sign.NON_NEGATIVE;
            number();
            issueTime();
            if (inv.type() == null) {
                add("type", "required", "is required (NORMAL, SPECIAL_VAT or RED_LETTER)");
            }
            party("seller", inv.seller(), true);
            party("buyer", inv.buyer(), inv.type() == InvoiceType.SPECIAL_VAT);
            if (!policy.currencies().contains(inv.currency())) {
                add("currency", "unsupported_currency", "unsupported currency '" + inv.currency()
                        + "' (allowed: " + String.join(", ", policy.currencies().stream().sorted().toList()) + ")");
            }
            linesAndTotals();
            text("remarks", inv.remarks(), MAX_REMARKS_LENGTH, false);
            reverses();
        }

        void add(String field, String code, String message) {
            errors.add(new FieldError(field, code, message));
        }

        void number() {
            if (inv.number() == null || inv.number().isEmpty()) {
                add("number", "required", "is required");
            } else if (!Invoice.isNumber(inv.number())) {
                add("number", "not_20_digits", "must be exactly 20 digits 0-9");
            }
        }

        void issueTime() {
            Instant t = inv.issueTime();
            if (t == null) {
                add("issueTime", "required", "is required");
                return;
            }
            if (t.isBefore(EARLIEST)) {
                add("issueTime", "too_early", "must not be before " + EARLIEST);
            }
            Instant latest = clock.instant().plus(MAX_FUTURE);
            if (t.isAfter(latest)) {
                add("issueTime", "in_future", "must not be more than 1 day in the future (latest " + latest + ")");
            }
            // the seal encodes milliseconds; finer precision would not be covered by the signature
            if (t.getNano() % 1_000_000 != 0) {
                add("issueTime", "sub_millisecond", "must have at most millisecond precision");
            }
        }

        void party(String field, Party p, boolean codeRequired) {
            if (p == null) {
                add(field, "required", "is required");
                return;
            }
            text(field + ".name", p.name(), MAX_NAME_LENGTH, true);
            if (p.creditCode() != null || codeRequired) {
                String problem = CreditCode.problem(p.creditCode());
                if (problem != null) {
                    add(field + ".creditCode", problem, "required".equals(problem) && field.equals("buyer")
                            ? "is required on a special VAT invoice" : CreditCode.describe(problem));
                }
            }
        }

        void linesAndTotals() {
            List<InvoiceLine> lines = inv.lines();
            boolean linesOk = false;
            BigDecimal sumAmount = BigDecimal.ZERO;
            BigDecimal sumTax = BigDecimal.ZERO;
            if (lines == null) {
                add("lines", "required", "is required");
            } else if (lines.isEmpty()) {
                add("lines", "too_few", "must have at least 1 line");
            } else if (lines.size() > MAX_LINES) {
                // no per-line checks: the error list would be as large as the hostile input
                add("lines", "too_many", "must have at most " + MAX_LINES + " lines, has " + lines.size());
            } else {
                linesOk = true;
                for (int i = 0; i < lines.size(); i++) {
                    InvoiceLine line = lines.get(i);
                    String path = "lines[" + i + "]";
                    if (line == null) {
                        add(path, "required", "must not be null");
                        linesOk = false;
                        continue;
                    }
                    linesOk &= line(path, line);
                    if (linesOk) {
                        sumAmount = sumAmount.add(line.amount());
                        sumTax = sumTax.add(line.tax());
                    }
                }
            }
            boolean amountOk = money("totalAmount", inv.totalAmount());
            boolean taxOk = money("totalTax", inv.totalTax());
            boolean withTaxOk = money("totalWithTax", inv.totalWithTax());
            // compare only numbers that are themselves valid, so one mistake gives one error
            if (linesOk && amountOk && inv.totalAmount().compareTo(sumAmount) != 0) {
                add("totalAmount", "total_mismatch", "must equal the sum of line amounts " + plain(sumAmount));
            }
            if (linesOk && taxOk && inv.totalTax().compareTo(sumTax) != 0) {
                add("totalTax", "total_mismatch", "must equal the sum of line taxes " + plain(sumTax));
            }
            if (amountOk && taxOk && withTaxOk) {
                BigDecimal expected = inv.totalAmount().add(inv.totalTax());
                if (inv.totalWithTax().compareTo(expected) != 0) {
                    add("totalWithTax", "total_mismatch", "must equal totalAmount + totalTax = " + plain(expected));
                }
            }
        }

        /** Checks one line; true if its amount and tax are usable for the totals. */
        boolean line(String path, InvoiceLine line) {
            text(path + ".name", line.name(), MAX_NAME_LENGTH, true);
            String taxCode = line.taxCode();
            if (taxCode == null || taxCode.isEmpty()) {
                add(path + ".taxCode", "required", "is required");
            } else if (taxCode.length() != TAX_CODE_LENGTH || !Invoice.allAsciiDigits(taxCode)) {
                add(path + ".taxCode", "not_19_digits", "tax classification code must be exactly 19 digits 0-9");
            }
            boolean quantityOk = line.quantity() != null
                    && decimal(path + ".quantity", line.quantity(), FACTOR_SCALE, sign);
            text(path + ".unit", line.unit(), MAX_NAME_LENGTH, false);
            // a red-letter line reverses the quantity, never the price
            boolean priceOk = line.unitPrice() != null
                    && decimal(path + ".unitPrice", line.unitPrice(), FACTOR_SCALE, Sign.NON_NEGATIVE);
            boolean amountOk = money(path + ".amount", line.amount());
            boolean rateOk = false;
            if (line.taxRate() == null) {
                add(path + ".taxRate", "required", "is required");
            } else if (!policy.allowsRate(line.taxRate())) {
                add(path + ".taxRate", "unsupported_rate", "unsupported tax rate " + plain(line.taxRate())
                        + " (allowed: " + String.join(", ", policy.taxRates().stream().sorted().map(InvoiceValidator::plain).toList()) + ")");
            } else {
                rateOk = true;
            }
            boolean taxOk = money(path + ".tax", line.tax());
            if (amountOk && rateOk && taxOk) {
                BigDecimal expected = line.amount().multiply(line.taxRate()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
                if (line.tax().subtract(expected).abs().compareTo(TOLERANCE) > 0) {
                    add(path + ".tax", "tax_mismatch", "must be amount × rate = " + plain(expected) + " (± 0.01)");
                }
            }
            if (quantityOk && priceOk && amountOk) {
                BigDecimal product = line.quantity().multiply(line.unitPrice());
                if (product.subtract(line.amount()).abs().compareTo(TOLERANCE) > 0) {
                    add(path + ".amount", "amount_mismatch",
                            "must be quantity × unitPrice = " + plain(product) + " (± 0.01)");
                }
            }
            return amountOk && taxOk;
        }

        boolean money(String field, BigDecimal v) {
            if (v == null) {
                add(field, "required", "is required");
                return false;
            }
            return decimal(field, v, MONEY_SCALE, sign);
        }

        /** Range, scale and sign; true if usable in arithmetic (sign errors do not prevent that). */
        boolean decimal(String field, BigDecimal v, int maxScale, Sign sign) {
            if (v.abs().compareTo(MAX_MAGNITUDE) >= 0) {
                add(field, "too_large", "magnitude must be below 10^15");
                return false;
            }
            boolean ok = true;
            // judged by value: 1.500 has 1 decimal place
            if (v.stripTrailingZeros().scale() > maxScale) {
                add(field, "scale", "must have at most " + maxScale + " decimal places");
                ok = false;
            }
            if (sign == Sign.NON_NEGATIVE && v.signum() < 0) {
                add(field, "negative", "must not be negative"
                        + (inv.type() == InvoiceType.RED_LETTER ? "" : " (only red-letter invoices carry negative values)"));
            } else if (sign == Sign.NON_POSITIVE && v.signum() > 0) {
                add(field, "positive", "must not be positive on a red-letter invoice");
            }
            return ok;
        }

        void text(String field, String v, int max, boolean required) {
            if (v == null || (required && v.isBlank())) {
                if (required) {
                    add(field, "required", "is required");
                }
                return;
            }
            if (!wellFormed(v)) {
                // a lone surrogate cannot be encoded as UTF-8, so it cannot be hashed faithfully
                add(field, "bad_unicode", "contains an unpaired UTF-16 surrogate");
            } else if (v.codePointCount(0, v.length()) > max) {
                add(field, "too_long", "must be at most " + max + " characters");
            }
        }

        void reverses() {
            String rev = inv.reverses();
            if (inv.type() != InvoiceType.RED_LETTER) {
                if (rev != null && inv.type() != null) {
                    add("reverses", "not_allowed", "only red-letter invoices reverse another invoice");
                }
                return;
            }
            String problem = InvoiceId.problem(rev);
            if (problem != null) {
                add("reverses", problem, "required".equals(problem)
                        ? "is required on a red-letter invoice (id of the reversed invoice)" : InvoiceId.describe(problem));
                return;
            }
            String issuer = rev.substring(0, CreditCode.LENGTH);
            String number = rev.substring(CreditCode.LENGTH);
            if (inv.seller() != null && CreditCode.isValid(inv.seller().creditCode())
                    && !issuer.equals(inv.seller().creditCode())) {
                add("reverses", "issuer_mismatch", "must be an invoice of the same issuer " + inv.seller().creditCode());
            } else if (number.equals(inv.number())) {
                add("reverses", "self_reference", "a red-letter invoice cannot reverse itself");
            }
        }
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String plain(BigDecimal v) {
        return v.toPlainString();
    }
}
