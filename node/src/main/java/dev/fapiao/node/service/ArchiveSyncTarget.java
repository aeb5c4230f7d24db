package dev.fapiao.node.service;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.archive.AnchorStore;
import dev.fapiao.node.archive.AuditLog;
import dev.fapiao.node.archive.InvoiceStore;
import dev.fapiao.node.archive.NodeState;
import dev.fapiao.node.archive.SyncCursor;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.model.UnknownInvoiceException;
import dev.fapiao.node.ledger.LedgerEvent;
import dev.fapiao.node.sync.SyncTarget;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies ledger events to the local archive: anchors confirm (or fill in) anchor state,
 * transitions made through any organisation's node update local status, and an invoice
 * anchored on chain whose document this node does not hold is reported (audit entry
 * {@code MISSING_DOCUMENT} and {@link NodeState#missingDocuments()}). A disposal on the
 * ledger is applied with {@link InvoiceStore#disposeCommitted}, not re-judged by the archive's rules.
 */
public final class ArchiveSyncTarget implements SyncTarget {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSyncTarget.class);

    private final InvoiceStore invoices;
    private final AnchorStore anchors;
    private final AuditLog audit;
    private final NodeState state;
    private final Clock clock;
    private final OwnTransitions own;

    /** {@code own}: the transitions this node's requests are waiting for, shared with the invoice service. */
    public ArchiveSyncTarget(InvoiceStore invoices, AnchorStore anchors, AuditLog audit, NodeState state,
                             Clock clock, OwnTransitions own) {
        this.invoices = invoices;
        this.anchors = anchors;
        this.audit = audit;
        this.state = state;
        this.clock = clock;
        this.own = own;
    }

    @Override
    public void apply(LedgerEvent event) {
        if (event instanceof LedgerEvent.Anchored a) {
            for (LedgerEvent.Anchored.Item item : a.items()) {
                anchored(a, item);
            }
        } else if (event instanceof LedgerEvent.Transitioned t) {
            transitioned(t);
        }
    }

    private void anchored(LedgerEvent.Anchored a, LedgerEvent.Anchored.Item item) {
        AnchorState known = stateIfArchived(item.invoiceId());
        if (known != null && known.phase() == AnchorState.Phase.ANCHORED && a.txId().equals(known.txId()) && known.blockNumber() >= 0) {
            // this node's own transaction, already acknowledged from its commit status: the chaincode wrote
            // the hashes this node sent from the archive, so reading the record back proves nothing new
            return;
        }
        Optional<ArchivedInvoice> local = invoices.get(item.invoiceId());
        if (local.isEmpty()) {
            // counter first: whoever sees the audit entry also sees it counted (two separate writes)
            state.countMissingDocument();
            audit.append("ledger", "MISSING_DOCUMENT", item.invoiceId(),
                    "anchored in block " + a.blockNumber() + " (tx " + a.txId() + ") but not held by this node");
            log.debug("invoice {} is anchored on chain but its document is not in this archive", item.invoiceId());
            return;
        }
        if (!local.get().docHash().equals(item.docHash()) || !local.get().metaHash().equals(item.metaHash())) {
            audit.append("ledger", "HASH_MISMATCH", item.invoiceId(),
                    "ledger has docHash " + item.docHash() + ", metaHash " + item.metaHash());
            log.error("invoice {}: anchored hashes differ from the archived ones", item.invoiceId());
            return;
        }
        AnchorState state = known != null ? known : anchors.anchorState(item.invoiceId());
        if (state.phase() != AnchorState.Phase.ANCHORED || state.blockNumber() < 0) {
            anchors.acknowledge(List.of(item.invoiceId()), a.txId(), a.blockNumber(), clock.instant(), List.of());
        }
    }

    /** Null for an invoice this node does not hold: most of what another member anchors. */
    private AnchorState stateIfArchived(String invoiceId) {
        try {
            return anchors.anchorState(invoiceId);
        } catch (UnknownInvoiceException e) {
            return null;
        }
    }

    private void transitioned(LedgerEvent.Transitioned t) {
        Optional<ArchivedInvoice> local = invoices.get(t.invoiceId());
        if (local.isEmpty()) {
            return;
        }
        ArchivedInvoice inv = local.get();
        InvoiceStatus status;
        try {
            status = InvoiceStatus.valueOf(t.status());
        } catch (IllegalArgumentException e) {
            log.warn("ledger event with unknown status {} for {}", t.status(), t.invoiceId());
            return;
        }
        if (inv.status() == status && inv.legalHold() == t.legalHold()) {
            return; // already applied (replay, or our own transition)
        }
        // this node's own request, still waiting for its commit status: the entry names the request, not the ledger
        Optional<OwnTransitions.Claim> mine = own.of(t.txId());
        String actor = mine.map(OwnTransitions.Claim::actor).orElse(t.mspId() + " (ledger tx " + t.txId() + ")");
        Origin origin = mine.map(OwnTransitions.Claim::origin).orElse(Origin.NONE);
        if (status == InvoiceStatus.DISPOSED) {
            // committed on the ledger: the chaincode checked retention and hold at the transaction time;
            // the archive's own refusal (clock, a lagging hold) must not stall the sync forever
            invoices.disposeCommitted(t.invoiceId(), t.txId(), actor, t.reason(), origin);
        } else if (!inv.disposed()) {
            invoices.updateStatus(t.invoiceId(), status, t.legalHold(), actor, t.reason(), null, origin);
        }
    }

    @Override
    public OptionalLong cursor() {
        return state.syncCursor().map(c -> OptionalLong.of(c.blockNumber())).orElse(OptionalLong.empty());
    }

    @Override
    public void advanceCursor(long blockNumber) {
        state.saveSyncCursor(new SyncCursor(blockNumber));
    }
}
