package dev.fapiao.node.archive;

import java.time.LocalDate;

/**
 * Event of the {@link InvoiceFeed}: a new invoice was archived, as the {@code seq}-th entry of
 * the archive's history (its audit sequence number), with the fields its Merkle leaf commits to.
 */
public record InvoiceArchived(long seq, String invoiceId, String docHash, String metaHash, LocalDate retainUntil) {}
