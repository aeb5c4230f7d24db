package dev.fapiao.node.invoice;

import static dev.fapiao.node.invoice.InvoiceTestSupport.NOW;
import static dev.fapiao.node.invoice.InvoiceTestSupport.VALIDATOR;
import static dev.fapiao.node.invoice.InvoiceTestSupport.assertOnly;
import static dev.fapiao.node.invoice.InvoiceTestSupport.d;
import static dev.fapiao.node.invoice.InvoiceTestSupport.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoiceValidatorTest {

    private static final String SELLER = "91310115MA1FL8Q2XH";

    private static InvoiceDraft normal() {
        return InvoiceDraft.of(sample("normal-3-lines.json"));
    }

    private static InvoiceDraft red() {
        return InvoiceDraft.of(sample("red-letter.json"));
    }

    private static List<FieldError> validate(InvoiceDraft d) {
        return VALIDATOR.validate(d.build());
    }

    private static List<FieldError> normalWith(Consumer<InvoiceDraft> change) {
        InvoiceDraft d = normal();
        change.accept(d);
        return validate(d);
    }

    private static List<String> codes(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + "/" + e.code()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"normal-3-lines.json", "special-vat.json", "red-letter.json", "realistic.json"})
    void samplesAreValid(String name) {
        assertEquals(List.of(), VALIDATOR.validate(sample(name)));
    }

    // --- number, time, type

    @Test
    void numberRequired() {
        assertOnly(normalWith(d -> d.number = null), "number", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2531200000001234567", "253120000000123456789", "2531200000001234567X", "２5312000000012345678"})
    void numberMustBe20Digits(String number) {
        assertOnly(normalWith(d -> d.number = number), "number", "not_20_digits");
    }

    @Test
    void issueTimeRequired() {
        assertOnly(normalWith(d -> d.issueTime = null), "issueTime", "required");
    }

    @Test
    void issueTimeAtMostOneDayAhead() {
        assertEquals(List.of(), normalWith(d -> d.issueTime = NOW.plus(Duration.ofDays(1))));
        assertOnly(normalWith(d -> d.issueTime = NOW.plus(Duration.ofDays(1)).plusMillis(1)), "issueTime", "in_future");
    }

    @Test
    void issueTimeNotBefore2000() {
        assertOnly(normalWith(d -> d.issueTime = Instant.parse("1999-12-31T23:59:59.999Z")), "issueTime", "too_early");
    }

    @Test
    void issueTimeMillisecondPrecision() {
        assertOnly(normalWith(d -> d.issueTime = Instant.parse("2025-03-14T02:30:00.000100Z")), "issueTime", "sub_millisecond");
    }

    @Test
    void typeRequired() {
        assertOnly(normalWith(d -> d.type = null), "type", "required");
    }

    // --- parties

    @Test
    void sellerRequired() {
        assertOnly(normalWith(d -> d.seller = null), "seller", "required");
    }

    @Test
    void sellerNameRequired() {
        assertOnly(normalWith(d -> d.seller = new Party(" ", SELLER)), "seller.name", "required");
    }

    @Test
    void namesAtMost300Characters() {
        String ok = "企".repeat(300);
        assertEquals(List.of(), normalWith(d -> d.buyer = new Party(ok, null)));
        // counted in code points: 300 emoji are 600 UTF-16 units and still fine
        assertEquals(List.of(), normalWith(d -> d.buyer = new Party("😂".repeat(300), null)));
        assertOnly(normalWith(d -> d.buyer = new Party(ok + "司", null)), "buyer.name", "too_long");
    }

    @Test
    void textMustBeWellFormedUnicode() {
        assertOnly(normalWith(d -> d.line(0, l -> l.name = "键盘\uD83D")), "lines[0].name", "bad_unicode");
    }

    @Test
    void sellerCreditCodeRequired() {
        assertOnly(normalWith(d -> d.seller = new Party("上海浦江数码科技有限公司", null)), "seller.creditCode", "required");
    }

    @Test
    void sellerCreditCodeCheckDigit() {
        assertOnly(normalWith(d -> d.seller = new Party("x", "91310115MA1FL8Q2XJ")), "seller.creditCode", "check_digit");
    }

    @Test
    void sellerCreditCodeLengthAndCharset() {
        assertOnly(normalWith(d -> d.seller = new Party("x", "91310115MA1FL8Q2X")), "seller.creditCode", "bad_length");
        assertOnly(normalWith(d -> d.seller = new Party("x", "91310115MA1FL8Q2XZ")), "seller.creditCode", "bad_charset");
    }

    @Test
    void buyerCreditCodeOptionalButCheckedOnNormalInvoices() {
        assertEquals(List.of(), normalWith(d -> d.buyer = new Party("张伟", null)));
        assertOnly(normalWith(d -> d.buyer = new Party("张伟", "91110108MA01KP7R32")), "buyer.creditCode", "check_digit");
    }

    @Test
    void buyerCreditCodeRequiredOnSpecialVat() {
        InvoiceDraft d = InvoiceDraft.of(sample("special-vat.json"));
        d.buyer = new Party("张伟", null);
        assertOnly(validate(d), "buyer.creditCode", "required");
    }

    @Test
    void buyerRequired() {
        assertOnly(normalWith(d -> d.buyer = null), "buyer", "required");
    }

    // --- currency

    @Test
    void onlyCnyByDefault() {
        assertOnly(normalWith(d -> d.currency = "USD"), "currency", "unsupported_currency");
        InvoiceDraft d = normal();
        d.currency = "USD";
        InvoiceValidator usd = new InvoiceValidator(InvoiceTestSupport.CLOCK, InvoicePolicy.DEFAULT.withCurrencies(Set.of("CNY", "USD")));
        assertEquals(List.of(), usd.validate(d.build()));
    }

    @Test
    void absentCurrencyIsCny() {
        InvoiceDraft d = normal();
        d.currency = null;
        assertEquals("CNY", d.build().currency());
        assertEquals(List.of(), validate(d));
    }

    // --- lines

    @Test
    void linesRequired() {
        assertOnly(normalWith(d -> d.lines = null), "lines", "required");
    }

    @Test
    void atLeastOneLine() {
        assertOnly(normalWith(d -> d.lines = new ArrayList<>()), "lines", "too_few");
    }

    @Test
    void atMost2000Lines() {
        InvoiceDraft d = normal();
        InvoiceDraft.LineDraft one = InvoiceDraft.LineDraft.of(InvoiceLine.of("*纸制品*便签", "1070305010000000000",
                d("1.00"), d("0.13"), d("0.13")));
        d.lines = new ArrayList<>(Collections.nCopies(InvoiceValidator.MAX_LINES, one));
        d.recomputeTotals();
        assertEquals(List.of(), validate(d));
        d.lines.add(one);
        d.recomputeTotals();
        assertOnly(validate(d), "lines", "too_many");
    }

    @Test
    void lineMustNotBeNull() {
        InvoiceDraft d = normal();
        d.lines.set(1, null);
        assertOnly(validate(d), "lines[1]", "required");
    }

    @Test
    void lineNameRequiredAndBounded() {
        assertOnly(normalWith(d -> d.line(2, l -> l.name = "")), "lines[2].name", "required");
        assertOnly(normalWith(d -> d.line(2, l -> l.name = "纸".repeat(301))), "lines[2].name", "too_long");
    }

    @Test
    void unitBounded() {
        assertOnly(normalWith(d -> d.line(0, l -> l.unit = "个".repeat(301))), "lines[0].unit", "too_long");
    }

    @Test
    void taxCodeRequired() {
        assertOnly(normalWith(d -> d.line(1, l -> l.taxCode = null)), "lines[1].taxCode", "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"304020100000000000", "30402010000000000000", "304020100000000000A"})
    void taxCodeMustBe19Digits(String code) {
        assertOnly(normalWith(d -> d.line(1, l -> l.taxCode = code)), "lines[1].taxCode", "not_19_digits");
    }

    @Test
    void amountRequired() {
        assertOnly(normalWith(d -> d.line(1, l -> l.amount = null)), "lines[1].amount", "required");
    }

    @Test
    void amountAtMostTwoDecimals() {
        // the totals cannot be compared with an invalid line, so this is the only error
        assertOnly(normalWith(d -> d.line(1, l -> l.amount = d("5000.001"))), "lines[1].amount", "scale");
    }

    @Test
    void decimalPlacesAreJudgedByValue() {
        assertEquals(List.of(), normalWith(d -> d.line(1, l -> l.amount = d("5000.0000"))));
    }

    @Test
    void taxAtMostTwoDecimals() {
        assertOnly(normalWith(d -> d.line(1, l -> l.tax = d("300.004"))), "lines[1].tax", "scale");
    }

    @Test
    void hugeValuesRejected() {
        assertOnly(normalWith(d -> d.line(1, l -> l.amount = new BigDecimal("1E+999999999"))), "lines[1].amount", "too_large");
        assertOnly(normalWith(d -> d.totalTax = new BigDecimal("-1E+15")), "totalTax", "too_large");
    }

    @Test
    void taxRateRequired() {
        assertOnly(normalWith(d -> d.line(1, l -> l.taxRate = null)), "lines[1].taxRate", "required");
    }

    @Test
    void taxRateMustBeAllowed() {
        assertOnly(normalWith(d -> d.line(1, l -> l.taxRate = d("0.05"))), "lines[1].taxRate", "unsupported_rate");
        // 0.130 is 0.13
        assertEquals(List.of(), normalWith(d -> d.line(0, l -> l.taxRate = d("0.130"))));
    }

    @Test
    void taxRatesAreConfigurable() {
        InvoiceDraft d = normal().line(1, l -> {
            l.taxRate = d("0.05");
            l.tax = d("250.00");
        }).recomputeTotals();
        InvoicePolicy policy = InvoicePolicy.DEFAULT.withTaxRates(Set.of(d("0.13"), d("0.05")));
        assertEquals(List.of(), new InvoiceValidator(InvoiceTestSupport.CLOCK, policy).validate(d.build()));
        assertOnly(new InvoiceValidator(InvoiceTestSupport.CLOCK, policy.withTaxRates(Set.of(d("0.13"))))
                .validate(d.build()), "lines[1].taxRate", "unsupported_rate");
    }

    @Test
    void taxMustMatchAmountTimesRate() {
        // 379.65 × 0.13 = 49.3545 → 49.35; ± 0.01 allowed
        assertEquals(List.of(), normalWith(d -> d.line(2, l -> l.tax = d("49.36")).recomputeTotals()));
        assertEquals(List.of(), normalWith(d -> d.line(2, l -> l.tax = d("49.34")).recomputeTotals()));
        assertOnly(normalWith(d -> d.line(2, l -> l.tax = d("49.37")).recomputeTotals()), "lines[2].tax", "tax_mismatch");
    }

    @Test
    void taxRoundsHalfUp() {
        // 100.50 × 0.03 = 3.015: HALF_UP gives 3.02, so 3.00 is 0.02 off (HALF_EVEN/DOWN would give 3.01)
        Consumer<InvoiceDraft> base = d -> d.line(1, l -> {
            l.amount = d("100.50");
            l.taxRate = d("0.03");
        });
        assertEquals(List.of(), normalWith(base.andThen(d -> d.line(1, l -> l.tax = d("3.03")).recomputeTotals())));
        assertOnly(normalWith(base.andThen(d -> d.line(1, l -> l.tax = d("3.00")).recomputeTotals())), "lines[1].tax", "tax_mismatch");
    }

    @Test
    void quantityTimesUnitPriceMustMatchAmount() {
        // 10 × 199.001 = 1990.01: within 0.01
        assertEquals(List.of(), normalWith(d -> d.line(0, l -> l.unitPrice = d("199.001"))));
        assertOnly(normalWith(d -> d.line(0, l -> l.unitPrice = d("199.0011"))), "lines[0].amount", "amount_mismatch");
        // only checked when both are given
        assertEquals(List.of(), normalWith(d -> d.line(0, l -> l.quantity = null)));
    }

    @Test
    void quantityAndUnitPriceScale() {
        assertOnly(normalWith(d -> d.line(0, l -> l.quantity = d("10.0000000000000001"))), "lines[0].quantity", "scale");
        assertOnly(normalWith(d -> d.line(0, l -> l.unitPrice = d("199.0000000000000001"))), "lines[0].unitPrice", "scale");
    }

    @Test
    void unitPriceNeverNegative() {
        assertEquals(List.of("lines[0].unitPrice/negative", "lines[0].amount/amount_mismatch"),
                codes(normalWith(d -> d.line(0, l -> l.unitPrice = d("-199.00")))));
        InvoiceDraft r = red().line(0, l -> {
            l.unitPrice = d("-199.00");
            l.quantity = d("10");
        });
        assertEquals(List.of("lines[0].quantity/positive", "lines[0].unitPrice/negative"), codes(validate(r)));
    }

    @Test
    void normalInvoiceAmountsNotNegative() {
        InvoiceDraft d = normal().line(1, l -> {
            l.amount = d("-5000.00");
            l.tax = d("-300.00");
        }).recomputeTotals();
        assertEquals(List.of("lines[1].amount/negative", "lines[1].tax/negative", "totalAmount/negative",
                "totalWithTax/negative"), codes(validate(d)));
    }

    @Test
    void redLetterAmountsNotPositive() {
        InvoiceDraft d = red().line(1, l -> {
            l.amount = d("5000.00");
            l.tax = d("300.00");
        }).recomputeTotals();
        // totalTax stays negative: −258.70 + 300.00 − 49.35 = −8.05
        assertEquals(List.of("lines[1].amount/positive", "lines[1].tax/positive", "totalAmount/positive",
                "totalWithTax/positive"), codes(validate(d)));
    }

    @Test
    void totalAmountIsSumOfAmounts() {
        assertEquals(List.of("totalAmount/total_mismatch", "totalWithTax/total_mismatch"),
                codes(normalWith(d -> d.totalAmount = d("7369.66"))));
        assertOnly(normalWith(d -> {
            d.totalAmount = d("7369.66");
            d.totalWithTax = d("7977.71");
        }), "totalAmount", "total_mismatch");
    }

    @Test
    void totalTaxIsSumOfTaxes() {
        assertOnly(normalWith(d -> {
            d.totalTax = d("608.04");
            d.totalWithTax = d("7977.69");
        }), "totalTax", "total_mismatch");
    }

    @Test
    void totalWithTaxIsExactSum() {
        assertOnly(normalWith(d -> d.totalWithTax = d("7977.71")), "totalWithTax", "total_mismatch");
        assertEquals(List.of(), normalWith(d -> d.totalWithTax = d("7977.7000")));
    }

    @Test
    void totalsRequired() {
        assertOnly(normalWith(d -> d.totalTax = null), "totalTax", "required");
    }

    @Test
    void remarksAtMost1000Characters() {
        assertEquals(List.of(), normalWith(d -> d.remarks = "备".repeat(1000)));
        assertOnly(normalWith(d -> d.remarks = "备".repeat(1001)), "remarks", "too_long");
    }

    // --- red letter

    @Test
    void redLetterNeedsReverses() {
        InvoiceDraft d = red();
        d.reverses = null;
        assertOnly(validate(d), "reverses", "required");
    }

    @Test
    void onlyRedLetterReverses() {
        assertOnly(normalWith(d -> d.reverses = SELLER + "25312000000012340000"), "reverses", "not_allowed");
    }

    @Test
    void reversesMustBeAValidId() {
        InvoiceDraft d = red();
        d.reverses = "91310115MA1FL8Q2XJ25312000000012345678";
        assertOnly(validate(d), "reverses", "check_digit");
        d.reverses = "91310115MA1FL8Q2XH2531200000001234567";
        assertOnly(validate(d), "reverses", "bad_length");
    }

    @Test
    void reversesSameIssuer() {
        InvoiceDraft d = red();
        d.reverses = "91110108MA01KP7R3125312000000012345678";
        assertOnly(validate(d), "reverses", "issuer_mismatch");
    }

    @Test
    void reversesNotItself() {
        InvoiceDraft d = red();
        d.reverses = SELLER + d.number;
        assertOnly(validate(d), "reverses", "self_reference");
    }

    // --- all at once

    @Test
    void reportsEveryErrorInFieldOrder() {
        InvoiceDraft d = normal();
        d.number = "123";
        d.seller = new Party("", "91310115MA1FL8Q2XJ");
        d.currency = "EUR";
        d.line(0, l -> l.taxCode = "1");
        d.line(2, l -> l.tax = d("1.00"));
        d.remarks = "x".repeat(1001);
        List<FieldError> errors = validate(d);
        assertEquals(List.of("number/not_20_digits", "seller.name/required", "seller.creditCode/check_digit",
                "currency/unsupported_currency", "lines[0].taxCode/not_19_digits", "lines[2].tax/tax_mismatch",
                "totalTax/total_mismatch", "remarks/too_long"), codes(errors));
        ValidationException e = assertThrows(ValidationException.class, () -> VALIDATOR.check(d.build()));
        assertEquals(errors, e.errors());
        assertTrue(e.getMessage().contains("lines[2].tax: must be amount × rate = 49.35 (± 0.01) [tax_mismatch]"), e.getMessage());
    }

    @Test
    void checkReturnsTheValidInvoice() {
        Invoice i = sample("normal-3-lines.json");
        assertSame(i, VALIDATOR.check(i));
        assertEquals(SELLER + "25312000000012345678", i.id().format());
    }
}
