package dev.fapiao.node.invoice;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configurable parts of validation.
 *
 * @param taxRates allowed VAT rates, compared by value (0.13 equals 0.130)
 * @param currencies allowed ISO 4217 codes
 */
record InvoicePolicy(Set<BigDecimal> taxRates, Set<String> currencies) {

    /** 13 %, 9 %, 6 %, 3 %, 1 % and 0 %; CNY only. */
    public static final InvoicePolicy DEFAULT = new InvoicePolicy(
            Set.of(new BigDecimal("0.13"), new BigDecimal("0.09"), new BigDecimal("0.06"),
                    new BigDecimal("0.03"), new BigDecimal("0.01"), BigDecimal.ZERO),
            Set.of(Invoice.DEFAULT_CURRENCY));

    public InvoicePolicy {
        // BigDecimal.equals is scale-sensitive; store one representative per value
        taxRates = taxRates.stream().map(BigDecimal::stripTrailingZeros).collect(Collectors.toUnmodifiableSet());
        currencies = Set.copyOf(currencies);
    }

    public InvoicePolicy withTaxRates(Set<BigDecimal> rates) {
        return new InvoicePolicy(rates, currencies);
    }

    public InvoicePolicy withCurrencies(Set<String> codes) {
        return new InvoicePolicy(taxRates, codes);
    }

    boolean allowsRate(BigDecimal rate) {
        return taxRates.contains(rate.stripTrailingZeros());
    }
}
