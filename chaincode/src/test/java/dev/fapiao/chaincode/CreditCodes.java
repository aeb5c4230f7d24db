package dev.fapiao.chaincode;

import dev.fapiao.chaincode.rules.CreditCode;

/**
 * Test helper producing valid credit codes (the 18th character computed per GB 32100-2015).
 *
 * <p>Example used throughout the tests: {@code 91350100M000100Y43} (the issuer of the spec's example
 * invoice id {@code 91350100M000100Y4312345678901234567890}); its first 17 characters weigh to a
 * sum whose check character is {@code 3}.
 */
final class CreditCodes {

    static final String EXAMPLE = "91350100M000100Y43";

    private CreditCodes() {
    }

    /** A valid code from 17 characters of the alphabet. */
    static String complete(String first17) {
        return first17 + CreditCode.checkChar(first17);
    }

    /** The n-th test code: {@code 91350100MA} + 7 digits of n, plus the check character. */
    static String nth(int n) {
        return complete(String.format("91350100MA%07d", n));
    }

    /** An invoice id of {@code issuer} with invoice number n (20 digits). */
    static String invoiceId(String issuer, long n) {
        return issuer + String.format("%020d", n);
    }
}
