package dev.fapiao.chaincode.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of a key's history; {@code value} is the stored JSON object, or null when deleted. */
public record HistoryEntry(String txId, String timestamp, boolean deleted, JsonNode value) {
}
