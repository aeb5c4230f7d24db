package dev.fapiao.node.anomaly;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A new submission as the detector sees it.
 *
 * @param issuer            the seller's credit code
 * @param invoiceId         the invoice id
 * @param amount            the total with tax
 * @param issueTime         the invoice's issue time
 * @param receivedAt        when the node received it
 * @param redLetter         a red-letter reversal
 * @param documentArchived  the same document bytes are already archived under another invoice id
 */
public record Observation(String issuer, String invoiceId, BigDecimal amount, Instant issueTime, Instant receivedAt,
        boolean redLetter, boolean documentArchived) {
    public Observation {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(issueTime, "issueTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
