package dev.fapiao.chaincode;

import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.model.InvoicePage;
import dev.fapiao.chaincode.model.InvoiceRecord;
import dev.fapiao.chaincode.rules.CreditCode;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.InvoiceId;
import dev.fapiao.chaincode.rules.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * getInvoice, getInvoiceHistory and queryInvoicesByIssuer.
 *
 * <p>The issuer query pages over the {@code issuer~date} index. The shim refuses composite keys in
 * {@code getStateByRangeWithPagination}, so it uses {@code getStateByPartialCompositeKeyWithPagination}
 * over the issuer's index entries, with the peer's bookmark semantics (a non-empty bookmark is the
 * inclusive start key): the first page starts at the {@code fromDate} key. It asks for one entry more
 * than the page, whose date and invoice id become the returned bookmark ({@code yyyyMMdd-invoiceId}),
 * so it needs no query metadata (a type the shim keeps off the compile class path).
 */
final class InvoiceQueries {

    static final int MAX_PAGE = 500;
    static final String BOOKMARK_SEPARATOR = "-";

    InvoiceRecord get(Tx tx, String invoiceId) {
        String id = InvoiceId.parse("invoiceId", invoiceId).value();
        InvoiceRecord r = tx.ledger().get(Keys.invoice(id), InvoiceRecord.class);
        if (r == null) {
            throw ErrorCode.NOT_FOUND.error("invoice " + id + " is not anchored");
        }
        return r;
    }

    List<HistoryEntry> history(Tx tx, String invoiceId) {
        return tx.ledger().history(Keys.invoice(InvoiceId.parse("invoiceId", invoiceId).value()));
    }

    InvoicePage byIssuer(Tx tx, String issuerText, String fromText, String toText, String pageSizeText,
            String bookmarkText) {
        String issuer = CreditCode.require("issuer", issuerText);
        LocalDate from = Times.date("fromDate", fromText);
        LocalDate to = Times.date("toDate", toText);
        if (to.isBefore(from)) {
            throw Fields.invalid("toDate", "must not be before fromDate");
        }
        int pageSize = Fields.intInRange("pageSize", pageSizeText, 1, MAX_PAGE);
        CompositeKey issuerPrefix = new CompositeKey(Keys.ISSUER_DATE, issuer);
        String start = new CompositeKey(Keys.ISSUER_DATE, issuer, Times.basicDate(from)).toString();
        if (bookmarkText != null && !bookmarkText.isEmpty()) {
            String resume = bookmarkKey(issuer, bookmarkText);
            if (resume.compareTo(start) > 0) {
                start = resume;
            }
        }
        String lastDate = Times.basicDate(to);
        List<String> keys = new ArrayList<>();
        String next = null;
        try (QueryResultsIteratorWithMetadata<KeyValue> it = tx.ledger().stub()
                .getStateByPartialCompositeKeyWithPagination(issuerPrefix, pageSize + 1, start)) {
            for (KeyValue kv : it) {
                List<String> attrs = CompositeKey.parseCompositeKey(kv.getKey()).getAttributes();
                if (attrs.size() != 3 || attrs.get(1).compareTo(lastDate) > 0) {
                    break;
                }
                if (keys.size() == pageSize) {
                    next = attrs.get(1) + BOOKMARK_SEPARATOR + attrs.get(2);
                    break;
                }
                keys.add(Keys.invoice(attrs.get(2)));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // the page's records in one multi-key read, in index order
        Map<String, InvoiceRecord> records = tx.ledger().getAll(keys, InvoiceRecord.class);
        List<InvoiceRecord> items = new ArrayList<>(keys.size());
        for (String key : keys) {
            InvoiceRecord r = records.get(key);
            if (r != null) {
                items.add(r);
            }
        }
        return new InvoicePage(items, next);
    }

    /** A bookmark is {@code yyyyMMdd-invoiceId} of the next index entry; back to its composite key. */
    private static String bookmarkKey(String issuer, String bookmark) {
        int sep = bookmark.indexOf(BOOKMARK_SEPARATOR);
        String date = sep == 8 ? bookmark.substring(0, 8) : "";
        if (sep != 8 || !date.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Fields.invalid("bookmark", "is not a bookmark returned by queryInvoicesByIssuer: '"
                    + Fields.shorten(bookmark) + "'");
        }
        InvoiceId id = InvoiceId.parse("bookmark", bookmark.substring(9));
        if (!id.issuer().equals(issuer)) {
            throw Fields.invalid("bookmark", "belongs to another issuer's query");
        }
        return Keys.issuerDate(issuer, date, id.value());
    }
}
