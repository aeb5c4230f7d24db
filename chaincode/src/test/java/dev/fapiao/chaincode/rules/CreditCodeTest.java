package dev.fapiao.chaincode.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void knownCodes() {
        // the spec's example issuer; its check character is 3
        assertNull(CreditCode.problem("91350100M000100Y43"));
        assertEquals('3', CreditCode.checkChar("91350100M000100Y4"));
        // hand-computed: "91110000100000000" weighs 9*1+1*3+1*9+1*27+1*20 = 68; 68 mod 31 = 6; 31-6 = 25 -> 'R'
        assertEquals('R', CreditCode.checkChar("91110000100000000"));
        assertTrue(CreditCode.isValid("91110000100000000R"));
    }

    @Test
    void checkCharacterArithmetic() {
        // all zeros: sum 0 -> 31 - 0 = 31 -> 0
        assertEquals('0', CreditCode.checkChar("00000000000000000"));
        // "10000000000000000": sum 1 -> 30 -> 'Y'
        assertEquals('Y', CreditCode.checkChar("10000000000000000"));
        // "01000000000000000": sum 3 -> 28 -> 'W'
        assertEquals('W', CreditCode.checkChar("01000000000000000"));
    }

    @Test
    void refusals() {
        assertTrue(CreditCode.problem("91350100M000100Y44").startsWith("check character is '4', expected '3'"));
        assertTrue(CreditCode.problem("91350100M000100Y4").startsWith("must be 18 characters"));
        for (char bad : "IOZSV".toCharArray()) {
            String code = "91350100M000100Y4" + bad;
            assertFalse(CreditCode.isValid(code), code);
            assertTrue(CreditCode.problem(code).contains("is not one of"));
        }
        assertFalse(CreditCode.isValid("91350100m000100Y43"), "lowercase is not in the alphabet");
        assertEquals("is required", CreditCode.problem(null));
    }

    @Test
    void generatedCodesAreValid() {
        for (int i = 0; i < 1000; i++) {
            String first17 = String.format("9135%013d", i * 7919L);
            String code = first17 + CreditCode.checkChar(first17);
            assertTrue(CreditCode.isValid(code), code);
            char wrong = CreditCode.ALPHABET.charAt((CreditCode.ALPHABET.indexOf(code.charAt(17)) + 1) % 31);
            assertFalse(CreditCode.isValid(first17 + wrong));
        }
    }
}
