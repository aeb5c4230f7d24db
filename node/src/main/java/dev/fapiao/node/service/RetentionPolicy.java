package dev.fapiao.node.service;

import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.invoice.CreditCode;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.seal.SealEncoding;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How long an invoice must be kept: its China Standard Time issue date plus the years of the most
 * specific matching rule (issuer + document class, then issuer, then class), else
 * {@code defaultYears} (15, the chaincode's default). China's accounting-archive rules keep
 * invoices filed as accounting vouchers for 30 years, which a deployment sets here
 * (docs/retention-proof.md, "Retention policy").
 */
public record RetentionPolicy(int defaultYears, List<Rule> rules) {

    /**
     * Retention for the invoices of {@code issuer} (credit code, null = any) of
     * {@code documentClass} (null = any); at least one of the two is given.
     */
    public record Rule(String issuer, InvoiceType documentClass, int years) {
        public Rule {
            if (issuer == null && documentClass == null) {
                throw new IllegalArgumentException("a rule names an issuer, a document class or both");
            }
            if (issuer != null && !CreditCode.isValid(issuer)) {
                throw new IllegalArgumentException("not a valid credit code: " + issuer);
            }
            checkYears(years);
        }

        boolean matches(String invoiceIssuer, InvoiceType type) {
            return (issuer == null || issuer.equals(invoiceIssuer)) && (documentClass == null || documentClass == type);
        }

        /** issuer + class (3) beats issuer (2) beats class (1). */
        int specificity() {
            return (issuer != null ? 2 : 0) + (documentClass != null ? 1 : 0);
        }
    }

    public RetentionPolicy {
        checkYears(defaultYears);
        rules = List.copyOf(rules);
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            // two rules of equal specificity matching the same invoice would make the answer depend on order
            if (!seen.add(r.issuer() + "|" + r.documentClass())) {
                throw new IllegalArgumentException("two rules for issuer " + r.issuer() + " and class "
                        + r.documentClass());
            }
        }
    }

    public RetentionPolicy(int defaultYears) {
        this(defaultYears, List.of());
    }

    /** The policy a configuration describes (already validated by ConfigLoader). */
    public static RetentionPolicy of(NodeConfig.Retention config) {
        return new RetentionPolicy(config.defaultYears(), config.rules().stream()
                .map(r -> new Rule(r.issuer(), r.documentClass() == null ? null : InvoiceType.valueOf(r.documentClass()),
                        r.years()))
                .toList());
    }

    /** Years of retention for an invoice of {@code issuer} and {@code documentClass}. */
    public int years(String issuer, InvoiceType documentClass) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.matches(issuer, documentClass) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best == null ? defaultYears : best.years();
    }

    /** The CST issue date plus {@link #years}; 29 February plus whole years falls back to the 28th. */
    public LocalDate retainUntil(Invoice invoice) {
        LocalDate issued = invoice.issueTime().atOffset(SealEncoding.CST).toLocalDate();
        return issued.plusYears(years(invoice.seller().creditCode(), invoice.type()));
    }

    private static void checkYears(int years) {
        if (years < 1 || years > 100) {
            throw new IllegalArgumentException("years must be between 1 and 100, not " + years);
        }
    }
}
