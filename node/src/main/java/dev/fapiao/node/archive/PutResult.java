package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchivedInvoice;

/**
 * The outcome of {@link InvoiceStore#put}: the stored record; {@code existing} when an identical
 * invoice was already archived (nothing written); {@code outboxSeq} of the new anchor work
 * item, or 0 when {@code existing}.
 */
public record PutResult(ArchivedInvoice invoice, boolean existing, long outboxSeq) {}
