package dev.fapiao.chaincode.model;

import java.util.List;

/** One page of {@code queryInvoicesByIssuer}; {@code bookmark} is null on the last page. */
public record InvoicePage(List<InvoiceRecord> items, String bookmark) {
}
