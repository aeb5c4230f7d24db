package dev.fapiao.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.runtime.NodeRuntime;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node follows the ledger: a legal hold set by the tax authority (another
 * organisation) reaches its local record, and an invoice anchored through someone else's
 * node is reported as anchored-but-not-held.
 */
@ExtendWith(LedgerNetwork.class)
class LedgerSyncIT {

    @Test
    void transitionsFromOtherOrganisationsAndForeignAnchorsReachTheNode(NetworkProfile profile, @TempDir Path dir)
            throws Exception {
        InvoiceGenerator gen = new InvoiceGenerator(System.nanoTime());
        try (NodeRuntime rt = NodeRuntime.start(ItNodes.config(dir, "sync-" + System.nanoTime()), Clock.systemUTC());
             LedgerConnection auditor = LedgerConnection.open(profile.settings("TaxAuthorityMSP", "User1"));
             LedgerConnection operator = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "Admin"));
             LedgerConnection otherNode = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User2"))) {
            ArchivedInvoice inv = ItNodes.submit(rt, gen, gen.creditCode()).get().invoice();
            String id = inv.invoiceId();
            await("anchored", Duration.ofSeconds(60), () -> rt.archive().anchors().anchorState(id).phase() == AnchorState.Phase.ANCHORED);

            auditor.contract().submitTransaction("transition", id, "LEGAL_HOLD_ON", "tax audit 2026-042", "");
            await("legal hold synced", Duration.ofSeconds(60), () -> rt.archive().invoices().get(id).orElseThrow().legalHold());
            assertEquals(InvoiceStatus.ISSUED, rt.archive().invoices().get(id).orElseThrow().status());

            // another archive node (its own NODE key) anchors an invoice this node never saw
            Sm2KeyPair key = Sm2KeyPair.generate();
            String reg = new ObjectMapper().createObjectNode().put("ownerCode", gen.creditCode()).put("kind", "NODE")
                    .put("nodeId", "other-" + System.nanoTime()).put("publicKey", key.publicKey().toPem())
                    .put("validFrom", Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS).toString()).toString();
            operator.contract().submitTransaction("registerSigner", reg);
            String foreignId = gen.creditCode() + gen.number();
            Seal seal = TestInvoices.seal(new Sealer(key.privateKey()), foreignId,
                    Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS), LocalDate.of(2041, 1, 1));
            otherNode.contract().submitTransaction("anchorInvoice", TestInvoices.anchor(seal, "NORMAL", null));
            await("foreign anchor reported and counted", Duration.ofSeconds(60),
                    () -> rt.archive().auditLog().read(0, Integer.MAX_VALUE).stream()
                            .anyMatch(e -> e.action().equals("MISSING_DOCUMENT") && e.target().equals(foreignId))
                            && rt.archive().nodeState().missingDocuments() >= 1);
            assertTrue(rt.archive().invoices().get(foreignId).isEmpty());
            assertTrue(rt.archive().nodeState().syncCursor().isPresent(), "sync checkpoint is durable");
        }
    }

    private static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }

}
