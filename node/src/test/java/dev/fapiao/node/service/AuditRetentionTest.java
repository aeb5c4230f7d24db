package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {

    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final AuditEntry ENTRY = new AuditEntry(7, T, "operator:ops", "API POST /v1/signers", "/v1/signers", "HTTP 200");

    @Test
    void lessThanSixMonthsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuditRetention(182, 15));
        new AuditRetention(183, 15);
        new AuditRetention(0, 15);
    }

    @Test
    void entriesAboutNoInvoiceStayTheDefaultRetentionYears() {
        AuditRetention r = new AuditRetention(0, 15);
        assertFalse(r.expired(ENTRY, Optional.empty(), T.plus(Duration.ofDays(14 * 366))));
        assertTrue(r.expired(ENTRY, Optional.empty(), T.plus(Duration.ofDays(15 * 366))));
    }

    @Test
    void aFixedNumberOfDaysAppliesToEveryEntryButNeverBelowSixMonths() {
        AuditRetention r = new AuditRetention(200, 15);
        assertFalse(r.expired(ENTRY, Optional.empty(), T.plus(Duration.ofDays(199))));
        assertTrue(r.expired(ENTRY, Optional.empty(), T.plus(Duration.ofDays(200))));
    }
}
