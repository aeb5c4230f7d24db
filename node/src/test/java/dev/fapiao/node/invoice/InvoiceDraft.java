package dev.fapiao.node.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Mutable copy of an invoice for tests that change one thing. */
final class InvoiceDraft {
    String number;
    Instant issueTime;
    Party seller;
    Party buyer;
    List<LineDraft> lines;
    BigDecimal totalAmount;
    BigDecimal totalTax;
    BigDecimal totalWithTax;
    String currency;
    String remarks;
    InvoiceType type;
    String reverses;

    static InvoiceDraft of(Invoice i) {
        InvoiceDraft d = new InvoiceDraft();
        d.number = i.number();
        d.issueTime = i.issueTime();
        d.seller = i.seller();
        d.buyer = i.buyer();
        d.lines = i.lines() == null ? null : new ArrayList<>(i.lines().stream().map(LineDraft::of).toList());
        d.totalAmount = i.totalAmount();
        d.totalTax = i.totalTax();
        d.totalWithTax = i.totalWithTax();
        d.currency = i.currency();
        d.remarks = i.remarks();
        d.type = i.type();
        d.reverses = i.reverses();
        return d;
    }

    InvoiceDraft line(int i, Consumer<LineDraft> change) {
        change.accept(lines.get(i));
        return this;
    }

    /** Sets the three totals from the lines, so a line change does not also break them. */
    InvoiceDraft recomputeTotals() {
        totalAmount = lines.stream().map(l -> l.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        totalTax = lines.stream().map(l -> l.tax).reduce(BigDecimal.ZERO, BigDecimal::add);
        totalWithTax = totalAmount.add(totalTax);
        return this;
    }

    Invoice build() {
        return new Invoice(number, issueTime, seller, buyer,
                lines == null ? null : lines.stream().map(l -> l == null ? null : l.build()).toList(),
                totalAmount, totalTax, totalWithTax, currency, remarks, type, reverses);
    }

    static final class LineDraft {
        String name;
        String taxCode;
        BigDecimal quantity;
        String unit;
        BigDecimal unitPrice;
        BigDecimal amount;
        BigDecimal taxRate;
        BigDecimal tax;

        static LineDraft of(InvoiceLine l) {
            LineDraft d = new LineDraft();
            d.name = l.name();
            d.taxCode = l.taxCode();
            d.quantity = l.quantity();
            d.unit = l.unit();
            d.unitPrice = l.unitPrice();
            d.amount = l.amount();
            d.taxRate = l.taxRate();
            d.tax = l.tax();
            return d;
        }

        InvoiceLine build() {
            return new InvoiceLine(name, taxCode, quantity, unit, unitPrice, amount, taxRate, tax);
        }
    }
}
