package dev.fapiao.node.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The metadata of a fully digitalised e-invoice (数电票), as sealed by the node.
 *
 * <p>The record holds whatever it is given (nulls included) so that {@link InvoiceValidator}
 * can report every problem at once; validate before trusting or hashing it. Two
 * normalisations happen here because they affect the hash: an absent currency is {@code CNY},
 * and an empty optional text is absent.
 *
 * @param reverses the 38-character id of the reversed invoice; required iff {@code RED_LETTER}
 */
public record Invoice(
        String number,
        Instant issueTime,
        Party seller,
        Party buyer,
        List<InvoiceLine> lines,
        BigDecimal totalAmount,
        BigDecimal totalTax,
        BigDecimal totalWithTax,
        String currency,
        String remarks,
        InvoiceType type,
        String reverses) {

    public static final String DEFAULT_CURRENCY = "CNY";
    public static final int NUMBER_LENGTH = 20;

    public Invoice {
        // unmodifiable copy that still tolerates null elements (reported by the validator)
        lines = lines == null ? null : Collections.unmodifiableList(new ArrayList<>(lines));
        currency = currency == null ? DEFAULT_CURRENCY : currency;
        remarks = emptyToNull(remarks);
        reverses = emptyToNull(reverses);
    }

    /** The ledger id (seller credit code + number). Throws if either is invalid. */
    public InvoiceId id() {
        if (seller == null) {
            throw new IllegalStateException("invoice has no seller");
        }
        return InvoiceId.of(seller.creditCode(), number);
    }

    static boolean isNumber(String s) {
        return s != null && s.length() == NUMBER_LENGTH && allAsciiDigits(s);
    }

    static boolean allAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
