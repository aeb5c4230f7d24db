package dev.fapiao.node.archive;

import static dev.fapiao.node.archive.Codec.require;

import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.InvoiceStatus;
import dev.fapiao.node.model.SearchPage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * Cursor search over {@code by_issuer_date}: the cursor is the last returned index key
 * (base64url), so a page continues exactly after it whatever was written meanwhile.
 */
final class InvoiceSearch {

    private final ArchiveDb db;

    InvoiceSearch(ArchiveDb db) {
        this.db = db;
    }

    SearchPage search(String issuer, LocalDate fromDate, LocalDate toDate, InvoiceStatus status, String flag,
                      String cursor, int limit) {
        require(issuer != null && !issuer.isEmpty() && Codec.utf8(issuer).length < 256, "issuer is required");
        require(fromDate != null && toDate != null, "fromDate and toDate are required");
        require(limit > 0, "limit must be positive");
        byte[] prefix = InvoiceCodec.issuerDatePrefix(issuer, null);
        byte[] start = InvoiceCodec.issuerDatePrefix(issuer, fromDate);
        byte[] endExclusive = InvoiceCodec.issuerDatePrefix(issuer, toDate.plusDays(1));
        byte[] after = null;
        if (cursor != null) {
            // the cursor is the last key after the issuer's prefix: any one that decodes is a position in
            // this issuer's range (so it cannot reach another issuer's entries, and needs no other check)
            byte[] rest;
            try {
                rest = Base64.getUrlDecoder().decode(cursor);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid search cursor");
            }
            require(rest.length > 0, "invalid search cursor");
            after = Arrays.copyOf(prefix, prefix.length + rest.length);
            System.arraycopy(rest, 0, after, prefix.length, rest.length);
        }
        byte[] seekTo = after != null && Arrays.compareUnsigned(after, start) >= 0 ? after : start;
        byte[] skip = after;
        return db.read(() -> {
            List<ArchivedInvoice> items = new ArrayList<>();
            byte[] lastKey = null;
            boolean more = false;
            try (RocksIterator it = db.iterator(Cf.BY_ISSUER_DATE)) {
                for (it.seek(seekTo); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (Arrays.compareUnsigned(key, endExclusive) >= 0) {
                        break;
                    }
                    if (skip != null && Arrays.equals(key, skip)) {
                        continue;
                    }
                    Codec.unframe(Cf.BY_ISSUER_DATE, key, it.value());
                    String id = InvoiceCodec.idOfIssuerDateKey(key);
                    ArchivedInvoice inv = RocksInvoiceStore.read(db, id);
                    if (inv == null) {
                        throw Codec.corrupt(Cf.BY_ISSUER_DATE, key, "index entry for a missing invoice " + id);
                    }
                    if (status != null && inv.status() != status || flag != null && !inv.flags().contains(flag)) {
                        continue;
                    }
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    items.add(inv);
                    lastKey = key;
                }
            }
            String next = more ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOfRange(lastKey, prefix.length, lastKey.length)) : null;
            return new SearchPage(List.copyOf(items), next);
        });
    }
}
