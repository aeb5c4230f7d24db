package dev.fapiao.node.replication;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which anchored invoices this node should hold: all, those of some issuers (the invoice id
 * starts with the issuer's 18-character credit code), and/or those issued (CST date) in a range.
 */
public record ReplicationPolicy(Set<String> issuers, LocalDate fromDate, LocalDate toDate) {

    private static final int CREDIT_CODE_LENGTH = 18;

    public ReplicationPolicy {
        issuers = Set.copyOf(issuers);
    }

    public static ReplicationPolicy all() {
        return new ReplicationPolicy(Set.of(), null, null);
    }

    /** Decided from the id alone, before asking the ledger. */
    public boolean selectsIssuerOf(String invoiceId) {
        return issuers.isEmpty() || (invoiceId.length() > CREDIT_CODE_LENGTH
                && issuers.contains(invoiceId.substring(0, CREDIT_CODE_LENGTH)));
    }

    public boolean selectsIssueDate(LocalDate issueDate) {
        return (fromDate == null || !issueDate.isBefore(fromDate)) && (toDate == null || !issueDate.isAfter(toDate));
    }
}
