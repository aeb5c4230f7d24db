package dev.fapiao.node.service;

import dev.fapiao.node.model.AnchorState;
import dev.fapiao.node.model.ArchivedInvoice;

/**
 * What the enterprise keeps after a submission: the durably archived record with its seal
 * (hashes, retain-until, the node's SM2 signature), where anchoring stands, and whether an
 * identical invoice had already been submitted (nothing new was written).
 */
public record Receipt(ArchivedInvoice invoice, AnchorState anchor, boolean existing) {}
