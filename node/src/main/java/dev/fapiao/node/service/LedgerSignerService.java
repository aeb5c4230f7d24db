package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerRecord;

/** {@link SignerService} on the chaincode's registry; changes are submitted as the operator identity. */
final class LedgerSignerService implements SignerService {

    private final MemberLedgers ledgers;

    LedgerSignerService(MemberLedgers ledgers) {
        this.ledgers = ledgers;
    }

    @Override
    public JsonNode register(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException {
        return ledgers.submitter(ActingAs.OPERATOR).registerSigner(request).json();
    }

    @Override
    public JsonNode rotate(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException {
        return ledgers.submitter(ActingAs.OPERATOR).rotateSigner(request);
    }

    @Override
    public JsonNode revoke(String keyId, String revokedAt, String reason)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        return ledgers.submitter(ActingAs.OPERATOR).revokeSigner(keyId, revokedAt, reason).json();
    }

    @Override
    public JsonNode byOwner(String ownerCode, ActingAs reader) throws ChaincodeRefusedException, LedgerUnavailableException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (SignerRecord s : ledgers.reader(reader).signersByOwner(ownerCode)) {
            out.add(s.json());
        }
        return out;
    }
}
