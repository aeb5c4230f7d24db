package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Receipt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The anchoring pipeline end to end: 10,000 invoices, each committed on chain exactly once. */
@ExtendWith(LedgerNetwork.class)
class PipelineIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tenThousandInvoicesAreCommittedOnChainExactlyOnceWithMatchingHashes(NetworkProfile profile, @TempDir Path dir)
            throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        String issuer = gen.creditCode();
        int count = 10_000;
        Map<String, ArchivedInvoice> acked = new HashMap<>();
        long t0;
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir, "it-" + System.nanoTime()), Clock.systemUTC())) {
            t0 = System.nanoTime();
            List<CompletableFuture<Receipt>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(ItNodes.submit(rt, gen, issuer));
                if (pending.size() == 500) {
                    for (CompletableFuture<Receipt> f : pending) {
                        ArchivedInvoice inv = f.get().invoice();
                        acked.put(inv.invoiceId(), inv);
                    }
                    pending.clear();
                }
            }
            double ackSeconds = (System.nanoTime() - t0) / 1e9;
            ItNodes.awaitDrained(rt, Duration.ofMinutes(5));
            double allSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("pipeline: %d invoices acknowledged in %.1f s, all committed after %.1f s (%.0f/s end to end); %s%n",
                    count, ackSeconds, allSeconds, count / allSeconds, rt.pipeline().stats());
            assertEquals(count, acked.size());
            for (ArchivedInvoice inv : acked.values()) {
                AnchorState s = rt.archive().anchors().anchorState(inv.invoiceId());
                assertEquals(AnchorState.Phase.ANCHORED, s.phase(), inv.invoiceId());
                assertTrue(s.blockNumber() > 0 && s.txId() != null, s.toString());
            }
        }

        // the ledger holds each invoice exactly once, with the archived hashes
        try (LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"));
             LedgerConnection enterprise = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"))) {
            PeersInStep.await(enterprise, auditor); // the node's commits were confirmed by the enterprise peer
            Map<String, Integer> seen = new HashMap<>();
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
            String bookmark = "";
            do {
                JsonNode page = json.readTree(auditor.contract().evaluateTransaction("queryInvoicesByIssuer", issuer,
                        today.minusDays(2).toString(), today.plusDays(1).toString(), "500", bookmark));
                for (JsonNode item : page.path("items")) {
                    String id = item.path("invoiceId").asText();
                    seen.merge(id, 1, Integer::sum);
                    ArchivedInvoice local = acked.get(id);
                    assertTrue(local != null, "ledger has an invoice the node never acknowledged: " + id);
                    assertEquals(local.docHash(), item.path("docHash").asText());
                    assertEquals(local.metaHash(), item.path("metaHash").asText());
                }
                bookmark = page.path("bookmark").isNull() ? "" : page.path("bookmark").asText();
            } while (!bookmark.isEmpty());
            assertEquals(count, seen.size());
            assertTrue(seen.values().stream().allMatch(n -> n == 1));
            int checked = 0;
            for (String id : acked.keySet()) {
                if (checked++ == 200) {
                    break;
                }
                assertEquals(1, json.readTree(auditor.contract().evaluateTransaction("getInvoiceHistory", id)).size(), id);
            }
        }
    }
}
