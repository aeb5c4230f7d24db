package dev.fapiao.chaincode.model;

/**
 * The last change of a ledger object: what ({@code action}), in which transaction and when,
 * by whom, why and with which reference. {@code reason} and {@code ref} may be null.
 */
public record Change(String action, String txId, String at, String mspId, String subject, String reason, String ref) {
}
