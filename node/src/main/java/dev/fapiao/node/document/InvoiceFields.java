package dev.fapiao.node.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The invoice fields read from a document: the ones a submission's fields are compared with. A
 * component is null when the document does not carry it (e.g. no invoice code outside China).
 *
 * @param source           which part the fields were read from (e.g. {@code Doc_0/Attachs/original_invoice.xml})
 * @param number           invoice number (发票号码; UBL/CII document ID)
 * @param invoiceCode      发票代码 of pre-数电 Chinese invoices
 * @param typeCode         UNTDID 1001 type code (380, 381, 384 …) or the Chinese type code
 * @param issueDate        issue date
 * @param currency         ISO 4217 document currency ({@code CNY} for Chinese invoices)
 * @param seller           seller party
 * @param buyer            buyer party
 * @param totalWithoutTax  total without tax (合计金额; EN 16931 BT-109)
 * @param taxTotal         tax total in the document currency (合计税额; BT-110)
 * @param totalWithTax     total with tax (价税合计; BT-112)
 * @param payable          amount due (BT-115); null for Chinese invoices
 * @param lineCount        number of invoice lines (goods/service items)
 * @param lines            the lines, where the format's reader reads them (the Chinese formats); empty otherwise
 */
public record InvoiceFields(String source, String number, String invoiceCode, String typeCode, LocalDate issueDate,
        String currency, Party seller, Party buyer, BigDecimal totalWithoutTax, BigDecimal taxTotal,
        BigDecimal totalWithTax, BigDecimal payable, int lineCount, List<DocumentLine> lines) {

    public InvoiceFields {
        Objects.requireNonNull(source, "source");
        lines = lines == null ? List.of() : List.copyOf(lines);
        seller = seller == null ? new Party(null, null) : seller;
        buyer = buyer == null ? new Party(null, null) : buyer;
    }

    /** Fields without lines (formats whose lines are only counted). */
    public InvoiceFields(String source, String number, String invoiceCode, String typeCode, LocalDate issueDate,
            String currency, Party seller, Party buyer, BigDecimal totalWithoutTax, BigDecimal taxTotal,
            BigDecimal totalWithTax, BigDecimal payable, int lineCount) {
        this(source, number, invoiceCode, typeCode, issueDate, currency, seller, buyer, totalWithoutTax, taxTotal,
                totalWithTax, payable, lineCount, List.of());
    }

    /** The fields that are present, by stable name (e.g. {@code seller.taxId}), in a fixed order. */
    public Map<String, String> present() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "number", number);
        put(m, "invoiceCode", invoiceCode);
        put(m, "typeCode", typeCode);
        put(m, "issueDate", issueDate);
        put(m, "currency", currency);
        put(m, "seller.name", seller.name());
        put(m, "seller.taxId", seller.taxId());
        put(m, "buyer.name", buyer.name());
        put(m, "buyer.taxId", buyer.taxId());
        put(m, "totalWithoutTax", plain(totalWithoutTax));
        put(m, "taxTotal", plain(taxTotal));
        put(m, "totalWithTax", plain(totalWithTax));
        put(m, "payable", plain(payable));
        m.put("lineCount", Integer.toString(lineCount));
        return m;
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }
}
