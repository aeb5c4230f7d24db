package dev.fapiao.chaincode.model;

import java.util.List;

/**
 * An anchoring request as received: strings exactly as sent, validated by the contract.
 * {@code retainUntil}, {@code kind} and {@code reverses} are optional (null).
 */
public record Anchor(String invoiceId, String docHash, String metaHash, String issueTime, String retainUntil,
        String kind, String reverses, List<SignatureEntry> signatures) {
}
