package dev.fapiao.node.ledger;

import static dev.fapiao.node.ledger.InvoiceRecord.text;

import com.fasterxml.jackson.databind.JsonNode;

/** A node's checkpoint as the chaincode stores it: the signed tree head and the NODE key that signed it. */
public record CheckpointRecord(String nodeId, long treeSize, String rootHash, String keyId, String signature) {

    static CheckpointRecord from(JsonNode v) {
        return new CheckpointRecord(text(v, "nodeId"), v.path("treeSize").asLong(-1), text(v, "rootHash"),
                text(v, "keyId"), text(v, "signature"));
    }
}
