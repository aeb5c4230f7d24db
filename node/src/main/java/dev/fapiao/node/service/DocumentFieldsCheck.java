package dev.fapiao.node.service;

import dev.fapiao.node.document.DocumentLine;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceLine;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.invoice.Party;
import dev.fapiao.node.seal.SealEncoding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rule between the fields a caller sends and the fields read from the document (issue 14 item 2),
 * once: which fields are compared and how, and the invoice a document-only submission stands for.
 * A field the document does not carry is not compared (a line count of 0 means "not read").
 */
final class DocumentFieldsCheck {
    private DocumentFieldsCheck() {
    }

    /** The fields of {@code invoice} that differ from the document's; empty when they agree. */
    static List<DocumentMismatchException.Mismatch> mismatches(Invoice invoice, InvoiceFields doc) {
        List<DocumentMismatchException.Mismatch> out = new ArrayList<>();
        String src = doc.source();
        String docNumber = number(doc);
        if (docNumber != null && invoice.number() != null && !invoice.number().equals(docNumber)
                && !invoice.number().equals(doc.number())) {
            out.add(new DocumentMismatchException.Mismatch("number", invoice.number(), docNumber, src));
        }
        text(out, "seller.creditCode", invoice.seller() == null ? null : invoice.seller().creditCode(),
                doc.seller().taxId(), src);
        text(out, "buyer.creditCode", invoice.buyer() == null ? null : invoice.buyer().creditCode(),
                doc.buyer().taxId(), src);
        if (doc.issueDate() != null && invoice.issueTime() != null) {
            var submitted = invoice.issueTime().atOffset(SealEncoding.CST).toLocalDate();
            if (!submitted.equals(doc.issueDate())) {
                out.add(new DocumentMismatchException.Mismatch("issueTime", submitted + " (China Standard Time)",
                        doc.issueDate().toString(), src));
            }
        }
        amount(out, "totalAmount", invoice.totalAmount(), doc.totalWithoutTax(), src);
        amount(out, "totalTax", invoice.totalTax(), doc.taxTotal(), src);
        amount(out, "totalWithTax", invoice.totalWithTax(), doc.totalWithTax(), src);
        if (doc.lineCount() > 0 && invoice.lines() != null && invoice.lines().size() != doc.lineCount()) {
            out.add(new DocumentMismatchException.Mismatch("lines", invoice.lines().size() + " lines",
                    doc.lineCount() + " lines", src));
        }
        return out;
    }

    /**
     * The invoice a document-only submission stands for: number (a pre-数电 invoice's 12-digit code and
     * 8-digit number make the 20-digit number), issue time at the start of the issue date in China
     * Standard Time, parties, totals, lines, kind {@code NORMAL}. What the document lacks stays null,
     * for the validator to name.
     */
    static Invoice invoice(InvoiceFields doc) {
        List<InvoiceLine> lines = doc.lines().stream().map(DocumentFieldsCheck::line).toList();
        return new Invoice(number(doc), doc.issueDate() == null ? null
                : doc.issueDate().atStartOfDay(SealEncoding.CST).toInstant(),
                new Party(doc.seller().name(), doc.seller().taxId()), new Party(doc.buyer().name(), doc.buyer().taxId()),
                lines.isEmpty() ? null : lines, doc.totalWithoutTax(), doc.taxTotal(), doc.totalWithTax(),
                doc.currency(), null, InvoiceType.NORMAL, null);
    }

    /** The document's invoice number as the node numbers invoices (20 digits where it can be made). */
    static String number(InvoiceFields doc) {
        String n = doc.number();
        if (n != null && doc.invoiceCode() != null && (doc.invoiceCode() + n).length() == Invoice.NUMBER_LENGTH) {
            return doc.invoiceCode() + n;
        }
        return n;
    }

    private static InvoiceLine line(DocumentLine l) {
        return new InvoiceLine(l.name(), l.taxCode(), l.quantity(), l.unit(), l.unitPrice(), l.amount(), l.taxRate(),
                l.tax());
    }

    private static void text(List<DocumentMismatchException.Mismatch> out, String field, String submitted,
                             String document, String src) {
        if (document != null && !Objects.equals(submitted, document)) {
            out.add(new DocumentMismatchException.Mismatch(field, String.valueOf(submitted), document, src));
        }
    }

    private static void amount(List<DocumentMismatchException.Mismatch> out, String field, BigDecimal submitted,
                               BigDecimal document, String src) {
        if (document != null && (submitted == null || submitted.compareTo(document) != 0)) {
            out.add(new DocumentMismatchException.Mismatch(field,
                    submitted == null ? "null" : submitted.toPlainString(), document.toPlainString(), src));
        }
    }
}
