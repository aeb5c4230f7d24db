package dev.fapiao.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Decodes the chaincode's event payloads (JSON) into {@link LedgerEvent}s. */
final class EventDecoder {

    private final ObjectMapper json = new ObjectMapper();

    LedgerEvent decode(String name, String txId, long block, byte[] payload) {
        try {
            JsonNode p = json.readTree(payload);
            switch (name) {
                case "InvoicesAnchored": {
                    List<LedgerEvent.Anchored.Item> items = new ArrayList<>();
                    for (JsonNode i : p.path("items")) {
                        items.add(new LedgerEvent.Anchored.Item(i.path("invoiceId").asText(),
                                i.path("docHash").asText(), i.path("metaHash").asText(), i.path("retainUntil").asText()));
                    }
                    return new LedgerEvent.Anchored(txId, block, List.copyOf(items));
                }
                case "InvoiceTransitioned":
                    return new LedgerEvent.Transitioned(txId, block, p.path("invoiceId").asText(),
                            p.path("action").asText(), p.path("status").asText(), p.path("legalHold").asBoolean(),
                            p.path("mspId").asText(), p.path("reason").asText());
                default:
                    return new LedgerEvent.Other(txId, block, name);
            }
        } catch (IOException e) {
            // a payload we cannot read is still an event we saw; keep following the ledger
            return new LedgerEvent.Other(txId, block, name);
        }
    }
}
