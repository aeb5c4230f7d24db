package dev.fapiao.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.service.AuditRetention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit entries record the request and token of the write; pruning follows {@link AuditRetention}. */
class AuditTrailTest {

    static final Instant T0 = Instant.parse("2026-01-05T02:00:00Z");

    @TempDir
    Path dir;

    Archive open(Instant now) {
        return Archive.open(ArchiveOptions.builder(dir.resolve("db")).clock(Clock.fixed(now, ZoneOffset.UTC)).build());
    }

    @Test
    void aSubmissionsAuditEntryAndOutboxEntryCarryItsRequestAndTokenIds() {
        try (Archive a = open(T0)) {
            ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
            PutResult r = a.invoices().put(inv, HashedDocument.of(Fixtures.document(inv.invoiceId())), "{}",
                    new Origin("req-1", "jti-1")).join();
            AuditEntry put = a.auditLog().read(0, 10).stream().filter(e -> e.action().equals("PUT")).findFirst().orElseThrow();
            assertEquals("req-1", put.requestId());
            assertEquals("jti-1", put.tokenId());
            OutboxEntry out = a.anchors().outbox(0, 10).get(0);
            assertEquals(r.outboxSeq(), out.seq());
            assertEquals("req-1", out.requestId(), "the anchoring pipeline logs it with the transaction id");
            long seq = a.auditLog().append("enterprise:acme", "API POST /v1/x", "t", "HTTP 200", new Origin("req-2", null));
            AuditEntry api = a.auditLog().read(seq - 1, 1).get(0);
            assertEquals("req-2", api.requestId());
            assertNull(api.tokenId());
            a.invoices().updateStatus(inv.invoiceId(), dev.fapiao.node.model.InvoiceStatus.DELIVERED, false,
                    "enterprise:acme", "sent", null, new Origin("req-3", "jti-3"));
            AuditEntry status = a.auditLog().read(a.auditLog().lastSeq() - 1, 1).get(0);
            assertEquals("STATUS", status.action());
            assertEquals("req-3", status.requestId(), "a transition's local status change records its request");
            assertEquals("jti-3", status.tokenId());
            ArchivedInvoice old = Fixtures.withRetain(Fixtures.invoice(Fixtures.ISSUER_A, 9), java.time.LocalDate.of(2026, 1, 1));
            a.invoices().put(old, Fixtures.document(old.invoiceId())).join();
            a.invoices().dispose(old.invoiceId(), "enterprise:acme", "over", new Origin("req-4", "jti-4"));
            AuditEntry dispose = a.auditLog().read(a.auditLog().lastSeq() - 1, 1).get(0);
            assertEquals("DISPOSE", dispose.action());
            assertEquals("jti-4", dispose.tokenId());
        }
        try (Archive a = open(T0)) { // and both survive a restart (decoded from disk)
            assertEquals("req-1", a.anchors().outbox(0, 10).get(0).requestId());
            assertTrue(a.auditLog().read(0, 10).stream().anyMatch(e -> "jti-1".equals(e.tokenId())));
        }
    }

    @Test
    void pruningByDefaultKeepsEntriesAsLongAsTheirInvoiceAndNeverDropsPutEntries() {
        try (Archive a = open(T0)) {
            ArchivedInvoice kept = Fixtures.invoice(Fixtures.ISSUER_A, 1);
            ArchivedInvoice gone = Fixtures.withRetain(Fixtures.invoice(Fixtures.ISSUER_A, 2), java.time.LocalDate.of(2026, 1, 1));
            a.invoices().put(kept, Fixtures.document(kept.invoiceId())).join();
            a.invoices().put(gone, Fixtures.document(gone.invoiceId())).join();
            a.auditLog().append("enterprise:acme", "API POST", kept.invoiceId(), "HTTP 202");
            a.auditLog().append("enterprise:acme", "API POST", gone.invoiceId(), "HTTP 202");
            a.auditLog().append("operator:ops", "API POST /v1/signers", "/v1/signers", "HTTP 200");
            a.invoices().dispose(gone.invoiceId(), "enterprise:acme", "retention over");
        }
        AuditRetention byInvoice = new AuditRetention(0, 15);
        try (Archive a = open(T0)) {
            long before = a.auditLog().read(0, 100).size();
            assertEquals(0, a.auditLog().prune((e, inv) -> byInvoice.expired(e, inv, T0.plus(Duration.ofDays(182)))),
                    "nothing goes before six months");
            long removed = a.auditLog().prune((e, inv) -> byInvoice.expired(e, inv, T0.plus(Duration.ofDays(184))));
            List<AuditEntry> left = a.auditLog().read(0, 100);
            assertEquals(before - removed, left.size());
            assertTrue(removed >= 2, "the disposed invoice's API and DISPOSE entries went: " + removed);
            assertEquals(2, left.stream().filter(e -> e.action().equals("PUT")).count(), "PUT entries stay");
            assertFalse(left.stream().anyMatch(e -> !e.action().equals("PUT") && Fixtures.invoice(Fixtures.ISSUER_A, 2)
                    .invoiceId().equals(e.target())), "nothing but its PUT is left of the disposed invoice");
            assertTrue(left.stream().anyMatch(e -> e.action().equals("API POST") && e.target().equals(
                    Fixtures.invoice(Fixtures.ISSUER_A, 1).invoiceId())), "the live invoice's entries stay");
            assertTrue(left.stream().anyMatch(e -> e.target() != null && e.target().equals("/v1/signers")),
                    "an entry about no invoice stays retention.defaultYears");
            assertEquals(0, a.auditLog().prune((e, inv) -> byInvoice.expired(e, inv, T0.plus(Duration.ofDays(3650)))),
                    "ten years on, the rest is still within 15 years or about a live invoice");
            AuditRetention days = new AuditRetention(365, 15);
            a.auditLog().prune((e, inv) -> days.expired(e, inv, T0.plus(Duration.ofDays(366))));
            assertTrue(a.auditLog().read(0, 100).stream().allMatch(e -> e.action().equals("PUT")),
                    "retentionDays: everything but PUT older than that goes");
        }
    }
}
