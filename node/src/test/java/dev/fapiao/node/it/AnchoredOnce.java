package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.model.AnchorState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The durability check of the network ITs: every acknowledged invoice archived, anchored, on chain once. */
final class AnchoredOnce {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnchoredOnce() {
    }

    /** Reads each invoice's ledger history through {@code reader} (any member's peer). */
    static void check(Archive archive, LedgerConnection reader, List<String> ids) throws Exception {
        for (String id : ids) {
            assertTrue(archive.invoices().get(id).isPresent(), "acknowledged invoice lost: " + id);
            assertEquals(AnchorState.Phase.ANCHORED, archive.anchors().anchorState(id).phase(), id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (String id : ids) {
                versions.add(pool.submit(() ->
                        JSON.readTree(reader.contract().evaluateTransaction("getInvoiceHistory", id)).size()));
            }
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(1, versions.get(i).get(), "ledger versions of " + ids.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }
}
