package dev.fapiao.node.service;

import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.seal.SealEncoding;
import java.time.LocalDate;

/**
 * How long an invoice must be kept: by default its China Standard Time issue date plus
 * {@code defaultYears} (15). China's accounting-archive rules keep invoices filed as
 * vouchers for 30 years, which a deployment sets here.
 */
public record RetentionPolicy(int defaultYears) {

    public RetentionPolicy {
        if (defaultYears < 1) {
            throw new IllegalArgumentException("defaultYears must be positive");
        }
    }

    public LocalDate retainUntil(Invoice invoice) {
        return invoice.issueTime().atOffset(SealEncoding.CST).toLocalDate().plusYears(defaultYears);
    }
}
