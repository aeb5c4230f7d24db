package dev.fapiao.node.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y43", // the example in docs/ledger-model.md
        "91310115MA1FL8Q2XH", "91110108MA01KP7R31", "91440300MA5G2NH5LU", "91330106MA2CFW4T61",
        "92320102MA1N6XK8EG"})
    void acceptsValidCodes(String code) {
        assertNull(CreditCode.problem(code));
        assertEquals(code, CreditCode.parse(code).value());
    }

    @Test
    void computesTheCheckCharacter() {
        // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4, weighted:
        // 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
        // 1640 mod 31 = 28; 31 − 28 = 3 → '3'
        assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
    }

    @Test
    void checkValue31BecomesZero() {
        // find a prefix whose sum is ≡ 0 mod 31 by adjusting the 17th character (weight 28, invertible mod 31)
        String base = "9131011500000000";
        for (char c : CreditCode.CHARSET.toCharArray()) {
            if (CreditCode.checkCharacter(base + c) == '0') {
                assertTrue(CreditCode.isValid(base + c + "0"));
                return;
            }
        }
        throw new AssertionError("no prefix with check value 0");
    }

    @ParameterizedTest
    @CsvSource({
        "'', required",
        "91350100M000100Y4, bad_length",
        "91350100M000100Y433, bad_length",
        "91350100M000100I43, bad_charset",
        "91350100m000100Y43, bad_charset",
        "91350100M000100Y44, check_digit",
        "19350100M000100Y43, check_digit"})
    void reportsProblems(String code, String expected) {
        assertEquals(expected, CreditCode.problem(code));
        assertFalse(CreditCode.isValid(code));
        if (!code.isEmpty()) {
            assertThrows(IllegalArgumentException.class, () -> CreditCode.parse(code));
        }
    }

    @Test
    void invoiceIdParsesAndFormats() {
        InvoiceId id = InvoiceId.parse("91350100M000100Y4312345678901234567890");
        assertEquals("91350100M000100Y43", id.issuer().value());
        assertEquals("12345678901234567890", id.number());
        assertEquals("91350100M000100Y4312345678901234567890", id.format());
        assertEquals(id, InvoiceId.of("91350100M000100Y43", "12345678901234567890"));
        assertEquals(38, id.format().length());
    }

    @ParameterizedTest
    @CsvSource({
        "91350100M000100Y431234567890123456789, bad_length",
        "91350100M000100Y4412345678901234567890, check_digit",
        "91350100M000100Y431234567890123456789X, not_20_digits"})
    void invoiceIdProblems(String id, String expected) {
        assertEquals(expected, InvoiceId.problem(id));
        assertThrows(IllegalArgumentException.class, () -> InvoiceId.parse(id));
    }
}
