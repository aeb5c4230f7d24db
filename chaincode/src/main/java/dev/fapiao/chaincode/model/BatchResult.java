package dev.fapiao.chaincode.model;

import java.util.List;

/** Result of an anchoring call: how many were new, how many already there, all records in input order. */
public record BatchResult(int anchored, int unchanged, List<InvoiceRecord> records) {
}
