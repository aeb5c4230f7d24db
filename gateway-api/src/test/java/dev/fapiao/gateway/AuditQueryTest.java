package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/audit}'s parameters, who sees which entry, and the line format. */
class AuditQueryTest {

    static AuditQuery parse(Map<String, String> params) {
        return AuditQuery.parse(params::get);
    }

    @Test
    void defaultsAndBounds() {
        AuditQuery q = parse(Map.of());
        assertEquals(100, q.limit());
        assertEquals(0, q.cursor());
        assertNull(q.from());
        AuditQuery days = parse(Map.of("from", "2026-12-01", "to", "2026-12-01", "limit", "1000", "cursor", "42"));
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), days.from(), "a date is a CST day");
        assertEquals(Instant.parse("2026-12-01T16:00:00Z"), days.to(), "to a date: through its end");
        assertEquals(42, days.cursor());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"),
                parse(Map.of("from", "2026-12-01T08:00:00+08:00")).from());
    }

    @Test
    void everyBadParameterIsNamedIn400() {
        for (var bad : List.of(Map.of("from", "yesterday"), Map.of("to", ""), Map.of("from", "2026-12-01T08:00:00"),
                Map.of("limit", "0"), Map.of("limit", "1001"), Map.of("limit", "ten"), Map.of("cursor", "-1"),
                Map.of("cursor", "1e3"), Map.of("cursor", ""), Map.of("actor", ""), Map.of("actor", "a\u0000b"))) {
            ApiException e = assertThrows(ApiException.class, () -> parse(bad), bad.toString());
            assertEquals(400, e.status());
            assertTrue(bad.containsKey(e.errors().get(0).field()), bad + " -> " + e.errors());
        }
        // a window that ends before it starts is empty, not an error (the contract cannot order two parameters)
        AuditQuery reversed = parse(Map.of("from", "2026-12-02", "to", "2026-12-01"));
        assertFalse(reversed.matches(new AuditEntry(1, java.time.Instant.parse("2026-12-01T12:00:00Z"), "ledger",
                "PUT", "x", "")));
        ApiException two = assertThrows(ApiException.class, () -> parse(Map.of("limit", "0", "cursor", "x")));
        assertEquals(2, two.errors().size());
    }

    @Test
    void filtersByTimeWindowAndActor() {
        AuditQuery q = parse(Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-12-02T00:00:00Z", "actor", "ledger"));
        assertTrue(q.matches(entry("ledger", "x", "2026-12-01T00:00:00Z")), "from is inclusive");
        assertFalse(q.matches(entry("ledger", "x", "2026-12-02T00:00:00Z")), "to is exclusive");
        assertFalse(q.matches(entry("node", "x", "2026-12-01T10:00:00Z")));
    }

    @Test
    void anEnterpriseSeesItsOwnEntriesOthersSeeAll() {
        String code = "91350100M000100Y43";
        Caller ent = new Caller("acme", Caller.Role.ENTERPRISE, Set.of(code), "j1");
        Predicate<AuditEntry> v = AuditRoute.visibleTo(ent);
        assertTrue(v.test(entry("enterprise:acme", "/v1/signers", "2026-12-01T00:00:00Z")));
        assertTrue(v.test(entry(code, code + "00000001", "2026-12-01T00:00:00Z")));
        assertTrue(v.test(entry("ledger", code + "00000001", "2026-12-01T00:00:00Z")), "about its invoice");
        assertFalse(v.test(entry("enterprise:other", "91110000100000000X00000001", "2026-12-01T00:00:00Z")));
        assertFalse(v.test(entry("system", "3 invoices", "2026-12-01T00:00:00Z")));
        assertFalse(v.test(entry("ledger", code, "2026-12-01T00:00:00Z")), "the code alone is no invoice of it");
        Caller auditor = new Caller("tax", Caller.Role.AUDITOR, Set.of(), null);
        assertTrue(AuditRoute.visibleTo(auditor).test(entry("enterprise:other", "x", "2026-12-01T00:00:00Z")));
    }

    @Test
    void aLineCarriesTheRequestAndTokenIdsAndLeavesAbsentMembersOut() {
        AuditEntry e = new AuditEntry(9, Instant.parse("2026-12-01T00:00:00Z"), "enterprise:acme", "API POST /v1/invoices",
                "X", null, "req-1", "jti-1");
        String line = Json.text(AuditRoute.line(e));
        assertEquals("{\"seq\":9,\"time\":\"2026-12-01T00:00:00Z\",\"actor\":\"enterprise:acme\","
                + "\"action\":\"API POST /v1/invoices\",\"target\":\"X\",\"requestId\":\"req-1\",\"tokenId\":\"jti-1\"}", line);
        assertFalse(line.contains("\n"), "one entry, one line");
    }

    static AuditEntry entry(String actor, String target, String time) {
        return new AuditEntry(1, Instant.parse(time), actor, "A", target, null);
    }
}
