package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.ledger.CheckpointRecord;
import dev.fapiao.node.ledger.Ledger;
import dev.fapiao.node.ledger.LedgerRenewal;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.LedgerVersion;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's snapshot over a real archive and a ledger port that answers three queries. */
class NodeStatusTest {

    @TempDir
    Path dir;

    /** A ledger whose chainHeight, checkpointHistory and renewals answer; height fails when negative. */
    static Ledger ledger(long height, List<LedgerVersion<CheckpointRecord>> checkpoints, List<LedgerRenewal> renewals) {
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "chainHeight" -> {
                        if (height < 0) {
                            throw new LedgerUnavailableException("peer down", null);
                        }
                        yield height;
                    }
                    case "checkpointHistory" -> checkpoints;
                    case "renewals" -> renewals;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void heightsBacklogCheckpointsRenewalsAndNewestAuditEntriesFirst() throws Exception {
        try (Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).syncWrites(false).build())) {
            for (int i = 1; i <= 15; i++) {
                archive.auditLog().append("operator:x", "ACTION " + i, "t" + i, "ok");
            }
            assertEquals(15, archive.auditLog().lastSeq());
            var cps = List.of(new LedgerVersion<>("tx2", "2026-12-02T00:00:02Z", false,
                            new CheckpointRecord("n1", 9, "bb", "k", "s")),
                    new LedgerVersion<>("tx1", "2026-12-02T00:00:01Z", false, new CheckpointRecord("n1", 4, "aa", "k", "s")));
            var ren = List.of(new LedgerRenewal("n1", 1, "SHA-256", 4, "r1", 4, "aa", null, "s", "k", "rt1", "2026-12-01T00:00:00Z"),
                    new LedgerRenewal("n1", 2, "SHA3-256", 9, "r2", 9, "bb", null, "s", "k", "rt2", "2026-12-02T00:00:00Z"));
            MemberLedgers members = new MemberLedgers(ledger(42, cps, ren));
            JsonNode s = NodeStatus.create("n1", "EnterpriseServicesMSP", archive, members).snapshot(10);

            assertEquals("n1", s.path("nodeId").asText());
            assertEquals(0, s.path("backlog").path("outbox").asLong());
            assertEquals(1, s.path("organisations").size()); // no auditor identity opened
            assertEquals("EnterpriseServicesMSP", s.path("organisations").get(0).path("mspId").asText());
            assertEquals(42, s.path("organisations").get(0).path("height").asLong());
            assertEquals("tx2", s.path("checkpoints").get(0).path("txId").asText());
            assertEquals(9, s.path("checkpoints").get(0).path("treeSize").asLong());
            assertEquals(2, s.path("renewals").get(0).path("sequence").asLong(), "newest renewal first");
            assertEquals(10, s.path("audit").size());
            assertEquals(15, s.path("audit").get(0).path("seq").asLong(), "newest audit entry first");
            assertEquals(6, s.path("audit").get(9).path("seq").asLong());

            JsonNode one = NodeStatus.create("n1", "EnterpriseServicesMSP", archive, members).snapshot(1);
            assertEquals(1, one.path("checkpoints").size());
            assertEquals(1, one.path("renewals").size());
            assertEquals(15, one.path("audit").get(0).path("seq").asLong());
            assertThrows(IllegalArgumentException.class, () -> NodeStatus.create("n1", "M", archive, members).snapshot(0));
        }
    }

    @Test
    void aPeerThatDoesNotAnswerIsReportedNotThrown() throws Exception {
        try (Archive archive = Archive.open(ArchiveOptions.builder(dir.resolve("db")).syncWrites(false).build())) {
            JsonNode s = NodeStatus.create("n1", "EnterpriseServicesMSP", archive,
                    new MemberLedgers(ledger(-1, List.of(), List.of()))).snapshot(5);
            JsonNode org = s.path("organisations").get(0);
            assertTrue(org.path("height").isMissingNode());
            assertEquals("peer down", org.path("error").asText());
            assertEquals(0, s.path("audit").size());
            assertEquals(0, s.path("checkpoints").size());
        }
    }
}
