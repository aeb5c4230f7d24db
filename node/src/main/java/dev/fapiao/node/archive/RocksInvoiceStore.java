package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.ConflictException;
import dev.fapiao.node.model.CorruptedRecordException;
import dev.fapiao.node.model.DisposalRefusedException;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.Origin;
import dev.fapiao.node.model.SearchPage;
import dev.fapiao.node.model.UnknownInvoiceException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code invoices} with the {@code by_issuer_date} and {@code by_status} indexes and the
 * per-status counters in {@code meta}. A put writes the document (through the document store),
 * the anchor state and outbox entry (anchor store) and its audit entry in the same transaction.
 */
final class RocksInvoiceStore implements InvoiceStore {

    private static final Logger log = LoggerFactory.getLogger(RocksInvoiceStore.class);

    static final String META_STATUS_COUNT = "archive.count.status.";
    /** The audit action of a new invoice: exactly one per archived invoice, in its put's batch (the feed reads it). */
    static final String PUT_ACTION = "PUT";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final Pattern ID_CHARS = Pattern.compile("[0-9A-Za-z._-]{1,128}");

    private final ArchiveDb db;
    private final GroupCommitWriter writer;
    private final ArchiveOptions options;
    private final RocksDocumentStore documents;
    private final RocksAnchorStore anchors;
    private final RocksAuditLog audit;
    private final InvoiceSearch search;

    RocksInvoiceStore(ArchiveDb db, GroupCommitWriter writer, RocksDocumentStore documents, RocksAnchorStore anchors,
                      RocksAuditLog audit) {
        this.db = db;
        this.writer = writer;
        this.options = db.options();
        this.documents = documents;
        this.anchors = anchors;
        this.audit = audit;
        this.search = new InvoiceSearch(db);
    }

    // ------------------------------------------------------------------ put

    @Override
    public CompletableFuture<PutResult> put(ArchivedInvoice invoice, HashedDocument hashed, String outboxPayload,
                                            Origin origin) {
        if (hashed == null) {
            throw new IllegalArgumentException("invoice and document are required");
        }
        byte[] document = hashed.bytes();
        validate(invoice, document);
        require(hashed.sm3Hex().equals(invoice.docHash()), "document does not hash (SM3) to docHash");
        byte[] stored = documents.encode(hashed);
        Origin o = origin == null ? Origin.NONE : origin;
        return writer.submit(t -> put(t, invoice, stored, outboxPayload, null, o), document.length, true);
    }

    @Override
    public CompletableFuture<PutResult> putAnchored(ArchivedInvoice invoice, HashedDocument hashed,
                                                    AnchorState anchored) {
        require(hashed != null, "invoice and document are required");
        require(anchored != null && anchored.phase() == AnchorState.Phase.ANCHORED, "an ANCHORED state is required");
        validate(invoice, hashed.bytes());
        require(hashed.sm3Hex().equals(invoice.docHash()), "document does not hash (SM3) to docHash");
        byte[] stored = documents.encode(hashed);
        return writer.submit(t -> put(t, invoice, stored, null, anchored, Origin.NONE), hashed.length(), true);
    }

    private void validate(ArchivedInvoice inv, byte[] document) {
        if (inv == null || document == null) {
            throw new IllegalArgumentException("invoice and document are required");
        }
        require(inv.invoiceId() != null && inv.issuer() != null && inv.number() != null,
                "invoiceId, issuer and number are required");
        require(ID_CHARS.matcher(inv.invoiceId()).matches(), "invoice id has invalid characters or length: " + inv.invoiceId());
        require(inv.invoiceId().equals(inv.issuer() + inv.number()),
                "invoice id " + inv.invoiceId() + " is not issuer + number");
        require(inv.issueTime() != null && inv.issueDate() != null && inv.retainUntil() != null,
                "issueTime, issueDate and retainUntil are required");
        require(inv.issueDate().equals(LocalDate.ofInstant(inv.issueTime(), CST)),
                "issueDate " + inv.issueDate() + " is not the CST date of issueTime " + inv.issueTime());
        require(inv.docHash() != null && RocksDocumentStore.HASH.matcher(inv.docHash()).matches(),
                "docHash must be 64 lowercase hex");
        require(inv.metaHash() != null && RocksDocumentStore.HASH.matcher(inv.metaHash()).matches(),
                "metaHash must be 64 lowercase hex");
        require(inv.seal() != null, "seal is required");
        require(inv.status() != null && inv.status() != InvoiceStatus.DISPOSED, "status must be set and not DISPOSED");
        require(inv.disposedAt() == null, "a new invoice cannot be disposed");
        require(document.length > 0, "document is empty");
        require(document.length <= options.maxDocumentBytes(),
                "document of " + document.length + " bytes exceeds the limit of " + options.maxDocumentBytes());
        require(inv.documentSize() == document.length,
                "documentSize " + inv.documentSize() + " does not match the document's " + document.length + " bytes");
    }

    /** {@code anchored} null: a new invoice to anchor (PENDING, outbox entry); else a copy already anchored. */
    private PutResult put(Txn t, ArchivedInvoice inv, byte[] storedDocument, String outboxPayload,
                          AnchorState anchored, Origin origin) {
        String id = inv.invoiceId();
        ArchivedInvoice existing = invoice(t, id);
        if (existing != null) {
            if (existing.sameContent(inv)) {
                return new PutResult(existing, true, 0);
            }
            throw new ConflictException("invoice " + id + " is already archived with different content ("
                    + differences(existing, inv) + ")");
        }
        if (anchored == null) {
            anchors.requireBacklogRoom(t);
        }
        Instant now = options.clock().instant();
        ArchivedInvoice stored = new ArchivedInvoice(id, inv.issuer(), inv.number(), inv.issueTime(), inv.issueDate(),
                inv.docHash(), inv.metaHash(), inv.retainUntil(), inv.contentType(), inv.documentSize(),
                inv.metadataJson(), inv.seal(), inv.enterpriseSignature(), inv.status(), inv.legalHold(),
                inv.receivedAt() != null ? inv.receivedAt() : now, inv.updatedAt() != null ? inv.updatedAt() : now,
                null, inv.documentCheck(), inv.flags());
        long refs = documents.addReference(t, inv.docHash(), storedDocument);
        putInvoice(t, stored);
        RocksAnchorStore.put(t, id, anchored != null ? anchored : AnchorState.pending(now));
        long seq = anchored != null ? 0 : RocksAnchorStore.appendOutbox(t, id, OutboxEntry.Kind.ANCHOR, outboxPayload,
                origin.requestId());
        t.index(Cf.BY_ISSUER_DATE, InvoiceCodec.issuerDateKey(inv.issuer(), inv.issueDate(), id));
        t.index(Cf.BY_STATUS, InvoiceCodec.statusKey(inv.status(), id));
        t.addMeta(META_STATUS_COUNT + inv.status().name(), 1);
        audit.append(t, inv.issuer(), PUT_ACTION, id, "docHash=" + inv.docHash() + (refs > 0 ? " (document shared)" : ""),
                origin);
        return new PutResult(stored, false, seq);
    }

    private static String differences(ArchivedInvoice a, ArchivedInvoice b) {
        List<String> d = new ArrayList<>();
        if (!a.docHash().equals(b.docHash())) d.add("docHash");
        if (!a.metaHash().equals(b.metaHash())) d.add("metaHash");
        if (!a.issueTime().equals(b.issueTime())) d.add("issueTime");
        if (!a.retainUntil().equals(b.retainUntil())) d.add("retainUntil");
        return String.join(", ", d) + " differ";
    }

    // ------------------------------------------------------------------ status and disposal

    @Override
    public ArchivedInvoice updateStatus(String invoiceId, InvoiceStatus status, boolean legalHold, String actor,
                                        String reason, String transitionPayload, Origin origin) {
        require(invoiceId != null && status != null, "invoiceId and status are required");
        require(status != InvoiceStatus.DISPOSED, "use dispose() to dispose an invoice");
        return writer.call(t -> {
            ArchivedInvoice cur = existing(t, invoiceId);
            if (cur.disposed()) {
                throw new ConflictException("invoice " + invoiceId + " is disposed and cannot change");
            }
            if (cur.status() == status && cur.legalHold() == legalHold) {
                return cur;
            }
            ArchivedInvoice next = cur.withStatus(status, legalHold, options.clock().instant());
            putInvoice(t, next);
            moveStatus(t, invoiceId, cur.status(), status);
            if (transitionPayload != null) {
                RocksAnchorStore.appendOutbox(t, invoiceId, OutboxEntry.Kind.TRANSITION, transitionPayload);
            }
            audit.append(t, actor, "STATUS", invoiceId, cur.status() + "->" + status + " legalHold=" + legalHold
                    + (reason == null ? "" : ": " + reason), origin);
            return next;
        });
    }

    @Override
    public ArchivedInvoice dispose(String invoiceId, String actor, String reason, Origin origin) {
        return dispose(invoiceId, null, actor, reason, origin);
    }

    @Override
    public ArchivedInvoice disposeCommitted(String invoiceId, String ledgerTxId, String actor, String reason,
                                            Origin origin) {
        require(ledgerTxId != null && !ledgerTxId.isBlank(), "the ledger transaction id is required");
        return dispose(invoiceId, ledgerTxId, actor, reason, origin);
    }

    /** {@code ledgerTxId} null: the archive's own decision, checked; else a committed ledger disposal. */
    private ArchivedInvoice dispose(String invoiceId, String ledgerTxId, String actor, String reason, Origin origin) {
        require(invoiceId != null, "invoiceId is required");
        return writer.call(t -> {
            ArchivedInvoice cur = existing(t, invoiceId);
            if (cur.disposed()) {
                return cur;
            }
            Instant now = options.clock().instant();
            LocalDate today = LocalDate.ofInstant(now, CST);
            DisposalRefusedException.Reason refusal = cur.legalHold() ? DisposalRefusedException.Reason.LEGAL_HOLD
                    : !today.isAfter(cur.retainUntil()) ? DisposalRefusedException.Reason.RETENTION_NOT_OVER : null;
            String note = "";
            if (refusal != null) {
                if (ledgerTxId == null) {
                    throw new DisposalRefusedException(invoiceId, refusal, cur.retainUntil(), today);
                }
                // the ledger decided at its transaction time; the local view lags or the clocks differ
                note = " (local view disagreed: " + DisposalRefusedException.message(invoiceId, refusal,
                        cur.retainUntil(), today) + ")";
                log.warn("invoice {}: applying the ledger's disposal (tx {}) although{}", invoiceId, ledgerTxId, note);
            }
            ArchivedInvoice tomb = (cur.legalHold() ? cur.withStatus(cur.status(), false, now) : cur).asDisposed(now);
            putInvoice(t, tomb);
            moveStatus(t, invoiceId, cur.status(), InvoiceStatus.DISPOSED);
            boolean deleted = documents.releaseReference(t, cur.docHash());
            audit.append(t, actor, "DISPOSE", invoiceId, (deleted ? "document deleted" : "document kept (shared)")
                    + (ledgerTxId == null ? "" : ", ledger tx " + ledgerTxId + note)
                    + (reason == null ? "" : ": " + reason), origin);
            return tomb;
        });
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<ArchivedInvoice> get(String invoiceId) {
        return db.read(() -> Optional.ofNullable(read(db, invoiceId)));
    }

    /** The stored invoice or null; call inside {@link ArchiveDb#read}. */
    static ArchivedInvoice read(ArchiveDb db, String invoiceId) throws org.rocksdb.RocksDBException {
        byte[] key = Codec.utf8(invoiceId);
        return InvoiceCodec.decodeStored(key, db.get(Cf.INVOICES, key));
    }

    @Override
    public SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status, String flag,
                             String cursor, int limit) {
        return search.search(issuer, fromDate, toDate, status, flag, cursor, limit);
    }

    @Override
    public void forEachInvoice(Consumer<ArchivedInvoice> action, Consumer<CorruptedRecordException> onCorrupted) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(onCorrupted, "onCorrupted");
        db.read(() -> {
            try (RocksIterator it = db.iterator(Cf.INVOICES)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    ArchivedInvoice invoice;
                    try {
                        invoice = InvoiceCodec.decodeInvoice(key, Codec.unframe(Cf.INVOICES, key, it.value()));
                    } catch (CorruptedRecordException e) {
                        onCorrupted.accept(e);
                        continue;
                    }
                    action.accept(invoice);
                }
                it.status();
            }
            return null;
        });
    }

    @Override
    public Map<InvoiceStatus, Long> countByStatus() {
        return db.read(() -> {
            Map<InvoiceStatus, Long> out = new EnumMap<>(InvoiceStatus.class);
            for (InvoiceStatus s : InvoiceStatus.values()) {
                out.put(s, db.counter(Cf.META, Codec.utf8(META_STATUS_COUNT + s.name())));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ within a write

    private static ArchivedInvoice invoice(Txn t, String id) {
        byte[] key = Codec.utf8(id);
        return InvoiceCodec.decodeStored(key, t.read(Cf.INVOICES, key));
    }

    private static ArchivedInvoice existing(Txn t, String id) {
        ArchivedInvoice cur = invoice(t, id);
        if (cur == null) {
            throw new UnknownInvoiceException(id);
        }
        return cur;
    }

    private static void putInvoice(Txn t, ArchivedInvoice inv) {
        byte[] key = Codec.utf8(inv.invoiceId());
        t.put(Cf.INVOICES, key, Codec.frame(key, InvoiceCodec.encodeInvoice(inv)));
    }

    private static void moveStatus(Txn t, String id, InvoiceStatus from, InvoiceStatus to) {
        if (from == to) {
            return;
        }
        t.delete(Cf.BY_STATUS, InvoiceCodec.statusKey(from, id));
        t.index(Cf.BY_STATUS, InvoiceCodec.statusKey(to, id));
        t.addMeta(META_STATUS_COUNT + from.name(), -1);
        t.addMeta(META_STATUS_COUNT + to.name(), 1);
    }
}
