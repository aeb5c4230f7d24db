package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.AuditEntry;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed over the audit log: the invoice store writes exactly one {@link RocksInvoiceStore#PUT_ACTION}
 * entry per new invoice in its put's batch. An entry of that action that does not match an archived
 * invoice (appended by hand through {@link AuditLog#append}) is no event.
 */
final class RocksInvoiceFeed implements InvoiceFeed {

    private static final Logger log = LoggerFactory.getLogger(RocksInvoiceFeed.class);

    private final ArchiveDb db;
    private final RocksAuditLog audit;

    RocksInvoiceFeed(ArchiveDb db, RocksAuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    public Page archivedAfter(long afterSeq, int limit) {
        require(limit > 0, "limit must be positive");
        List<AuditEntry> page = audit.read(afterSeq, limit);
        List<InvoiceArchived> events = new ArrayList<>();
        for (AuditEntry e : page) {
            if (!RocksInvoiceStore.PUT_ACTION.equals(e.action()) || e.target() == null) {
                continue;
            }
            ArchivedInvoice inv = db.read(() -> RocksInvoiceStore.read(db, e.target()));
            if (inv == null || e.detail() == null || !e.detail().startsWith("docHash=" + inv.docHash())) {
                log.warn("audit entry {} ({} {}) does not match an archived invoice (ignored)", e.seq(), e.action(),
                        e.target());
                continue;
            }
            events.add(new InvoiceArchived(e.seq(), inv.invoiceId(), inv.docHash(), inv.metaHash(),
                    inv.retainUntil()));
        }
        long last = page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq();
        return new Page(events, last, page.size() < limit);
    }
}
