package dev.fapiao.node.invoice;

import static dev.fapiao.node.invoice.InvoiceTestSupport.NOW;
import static dev.fapiao.node.invoice.InvoiceTestSupport.VALIDATOR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Random valid invoices (seeded, so failures reproduce) must pass; one broken field must be named. */
class InvoicePropertyTest {

    private static final long SEED = 20251001L;
    private static final int RUNS = 500;
    private static final BigDecimal[] RATES = {new BigDecimal("0.13"), new BigDecimal("0.09"), new BigDecimal("0.06"),
        new BigDecimal("0.03"), new BigDecimal("0.01"), BigDecimal.ZERO};
    private static final Set<String> TOTALS = Set.of("totalAmount", "totalTax", "totalWithTax");

    @Test
    void randomValidInvoicesPassAndHashStably() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            Invoice invoice = randomInvoice(random).build();
            assertEquals(List.of(), VALIDATOR.validate(invoice), "run " + run + ": " + invoice);
            byte[] canonical = CanonicalJson.of(invoice);
            assertArrayEquals(canonical, CanonicalJson.of(InvoiceJson.parse(canonical)), "run " + run);
        }
    }

    /** A change that breaks exactly one field; the errors may spill only into that line and the totals. */
    private record Mutation(String name, Consumer<InvoiceDraft> change, String field, String code) {
    }

    @Test
    void oneBrokenFieldIsReportedAtItsPath() {
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            InvoiceDraft d = randomInvoice(random);
            int i = random.nextInt(d.lines.size());
            String line = "lines[" + i + "]";
            boolean red = d.type == InvoiceType.RED_LETTER;
            List<Mutation> mutations = List.of(
                    new Mutation("number letter", x -> x.number = x.number.substring(0, 19) + "A", "number", "not_20_digits"),
                    new Mutation("seller check", x -> x.seller = new Party(x.seller.name(), flipCheck(x.seller.creditCode())),
                            "seller.creditCode", "check_digit"),
                    new Mutation("future", x -> x.issueTime = NOW.plus(Duration.ofDays(2)), "issueTime", "in_future"),
                    new Mutation("currency", x -> x.currency = "USD", "currency", "unsupported_currency"),
                    new Mutation("tax off", x -> x.line(i, l -> l.tax = l.amount.multiply(l.taxRate).setScale(2, RoundingMode.HALF_UP)
                            .add(new BigDecimal(red ? "-0.02" : "0.02"))),
                            line + ".tax", "tax_mismatch"),
                    new Mutation("amount scale", x -> x.line(i, l -> l.amount = l.amount.add(new BigDecimal("0.001"))),
                            line + ".amount", "scale"),
                    new Mutation("rate", x -> x.line(i, l -> l.taxRate = new BigDecimal("0.17")), line + ".taxRate", "unsupported_rate"),
                    new Mutation("tax code", x -> x.line(i, l -> l.taxCode = l.taxCode.substring(1)), line + ".taxCode", "not_19_digits"),
                    new Mutation("line name", x -> x.line(i, l -> l.name = " "), line + ".name", "required"),
                    new Mutation("sign", x -> x.line(i, l -> {
                        l.amount = l.amount.negate();
                        l.tax = l.tax.negate();
                        l.quantity = null;
                    }), line + ".amount", red ? "positive" : "negative"),
                    new Mutation("total amount", x -> x.totalAmount = x.totalAmount.add(new BigDecimal("0.01")),
                            "totalAmount", "total_mismatch"),
                    new Mutation("total with tax", x -> x.totalWithTax = x.totalWithTax.subtract(new BigDecimal("0.01")),
                            "totalWithTax", "total_mismatch"),
                    new Mutation("remarks", x -> x.remarks = "备".repeat(1001), "remarks", "too_long"),
                    red ? new Mutation("reverses issuer", x -> x.reverses = randomCode(random) + x.reverses.substring(18),
                            "reverses", "issuer_mismatch")
                        : new Mutation("reverses on normal", x -> x.reverses = x.seller.creditCode() + randomNumber(random),
                            "reverses", "not_allowed"));
            Mutation m = mutations.get(random.nextInt(mutations.size()));
            m.change.accept(d);
            List<FieldError> errors = VALIDATOR.validate(d.build());
            String context = "run " + run + " (" + m.name + "): " + errors;
            assertFalse(errors.isEmpty(), context);
            assertEquals(m.field + "/" + m.code, errors.get(0).field() + "/" + errors.get(0).code(), context);
            for (FieldError e : errors) {
                assertTrue(e.field().equals(m.field) || e.field().startsWith(line + ".") && m.field.startsWith(line)
                        || TOTALS.contains(e.field()), context);
            }
        }
    }

    static InvoiceDraft randomInvoice(Random r) {
        InvoiceDraft d = new InvoiceDraft();
        InvoiceType[] types = InvoiceType.values();
        d.type = types[r.nextInt(types.length)];
        boolean red = d.type == InvoiceType.RED_LETTER;
        d.number = randomNumber(r);
        d.issueTime = Instant.parse("2021-12-01T00:00:00Z").plusMillis((long) (r.nextDouble() * 120_000_000_000L));
        d.seller = new Party(randomName(r, "有限公司"), randomCode(r));
        boolean buyerCode = d.type == InvoiceType.SPECIAL_VAT || r.nextBoolean();
        d.buyer = new Party(randomName(r, r.nextBoolean() ? "股份有限公司" : ""), buyerCode ? randomCode(r) : null);
        d.currency = r.nextBoolean() ? "CNY" : null;
        d.remarks = r.nextInt(3) == 0 ? randomName(r, "备注") : null;
        d.reverses = red ? d.seller.creditCode() + randomNumber(r) : null;
        int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 6);
        d.lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InvoiceDraft.LineDraft l = new InvoiceDraft.LineDraft();
            l.name = "*" + randomName(r, "") + "*" + randomName(r, "");
            l.taxCode = digits(r, 19);
            // never zero, so flipping the sign always changes something
            BigDecimal amount = BigDecimal.valueOf(1 + (long) (r.nextDouble() * 100_000_000L), 2);
            l.taxRate = RATES[r.nextInt(RATES.length)];
            BigDecimal tax = amount.multiply(l.taxRate).setScale(2, RoundingMode.HALF_UP)
                    .add(BigDecimal.valueOf(r.nextInt(3) - 1, 2)); // the allowed ± 0.01
            if (tax.signum() < 0) {
                tax = BigDecimal.ZERO.setScale(2);
            }
            if (r.nextBoolean()) {
                BigDecimal quantity = BigDecimal.valueOf(1 + r.nextInt(1000));
                l.unitPrice = amount.divide(quantity, 6 + r.nextInt(8), RoundingMode.HALF_UP);
                l.quantity = red ? quantity.negate() : quantity;
                l.unit = r.nextBoolean() ? "个" : null;
            }
            l.amount = red ? amount.negate() : amount;
            l.tax = red ? tax.negate() : tax;
            d.lines.add(l);
        }
        return d.recomputeTotals();
    }

    static String randomCode(Random r) {
        StringBuilder sb = new StringBuilder("91").append(digits(r, 6));
        for (int i = 0; i < 9; i++) {
            sb.append(CreditCode.CHARSET.charAt(r.nextInt(CreditCode.CHARSET.length())));
        }
        return sb.append(CreditCode.checkCharacter(sb)).toString();
    }

    static String flipCheck(String code) {
        char c = code.charAt(17);
        int next = (CreditCode.CHARSET.indexOf(c) + 1) % CreditCode.CHARSET.length();
        return code.substring(0, 17) + CreditCode.CHARSET.charAt(next);
    }

    static String randomNumber(Random r) {
        return digits(r, 20);
    }

    static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    static String randomName(Random r, String suffix) {
        StringBuilder sb = new StringBuilder();
        int len = 2 + r.nextInt(10);
        for (int i = 0; i < len; i++) {
            sb.appendCodePoint(0x4E00 + r.nextInt(0x9FA5 - 0x4E00)); // CJK unified ideographs
        }
        return sb.append(suffix).toString();
    }
}
