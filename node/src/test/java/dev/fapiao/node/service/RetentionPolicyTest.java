package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.RetentionPolicy.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    static final String A = "91350100M000100Y43";
    static final String B = "91110108MA01FP0Y2C";

    final RetentionPolicy policy = new RetentionPolicy(15, List.of(
            new Rule(null, InvoiceType.SPECIAL_VAT, 30),
            new Rule(A, null, 20),
            new Rule(A, InvoiceType.RED_LETTER, 25)));

    @Test
    void theMostSpecificMatchingRuleWins() {
        assertEquals(25, policy.years(A, InvoiceType.RED_LETTER), "issuer + class");
        assertEquals(20, policy.years(A, InvoiceType.SPECIAL_VAT), "issuer beats class");
        assertEquals(20, policy.years(A, InvoiceType.NORMAL), "issuer");
        assertEquals(30, policy.years(B, InvoiceType.SPECIAL_VAT), "class");
        assertEquals(15, policy.years(B, InvoiceType.NORMAL), "default");
        assertEquals(15, policy.years(B, InvoiceType.RED_LETTER), "another issuer's class rule does not apply");
    }

    @Test
    void theOrderOfRulesDoesNotMatter() {
        RetentionPolicy reversed = new RetentionPolicy(15, List.of(policy.rules().get(2), policy.rules().get(1),
                policy.rules().get(0)));
        for (String issuer : List.of(A, B)) {
            for (InvoiceType t : InvoiceType.values()) {
                assertEquals(policy.years(issuer, t), reversed.years(issuer, t), issuer + " " + t);
            }
        }
    }

    @Test
    void retainUntilIsTheCstIssueDatePlusTheYears() {
        InvoiceGenerator gen = new InvoiceGenerator(7);
        // 2024-02-28T16:30Z is already 29 February in China Standard Time
        Invoice inv = gen.invoice(B, Instant.parse("2024-02-28T16:30:00Z"));
        assertEquals(InvoiceType.NORMAL, inv.type());
        assertEquals(LocalDate.of(2039, 2, 28), new RetentionPolicy(15).retainUntil(inv), "29 Feb + 15 y");
        assertEquals(LocalDate.of(2044, 2, 29), new RetentionPolicy(15, List.of(new Rule(B, null, 20)))
                .retainUntil(inv));
    }

    @Test
    void badPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(0));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(101));
        assertThrows(IllegalArgumentException.class, () -> new Rule(null, null, 10));
        assertThrows(IllegalArgumentException.class, () -> new Rule("91350100M000100Y44", null, 10));
        assertThrows(IllegalArgumentException.class, () -> new Rule(A, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(15,
                List.of(new Rule(A, null, 10), new Rule(A, null, 20))));
    }

    @Test
    void builtFromTheConfiguration() {
        var config = new ConfigLoader().load(null, Map.of("FAPIAO_RETENTION_RULES",
                ":SPECIAL_VAT=30; " + A + "=20; " + A + ":RED_LETTER=25", "FAPIAO_RETENTION_DEFAULT_YEARS", "10"));
        RetentionPolicy p = RetentionPolicy.of(config.retention());
        assertEquals(policy.rules(), p.rules());
        assertEquals(10, p.defaultYears());
        assertEquals(15, RetentionPolicy.of(new ConfigLoader().load(null, Map.of()).retention()).defaultYears());
    }
}
