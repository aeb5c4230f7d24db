package dev.fapiao.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;

/**
 * The ledger's signer registry: operators register, rotate and revoke keys (as the Admin of the
 * node's MSP: ENTERPRISE keys EnterpriseServicesMSP's, NODE keys each member's for its own nodes);
 * anyone who acts for an owner lists its keys. Requests and answers
 * are the chaincode's JSON (docs/ledger-model.md).
 */
public interface SignerService {

    JsonNode register(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException;

    JsonNode rotate(JsonNode request) throws ChaincodeRefusedException, LedgerUnavailableException;

    JsonNode revoke(String keyId, String revokedAt, String reason)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /** Every key registered for {@code ownerCode}, read as {@code reader}. */
    JsonNode byOwner(String ownerCode, ActingAs reader) throws ChaincodeRefusedException, LedgerUnavailableException;

    /** The registry over the node's member identities. */
    static SignerService create(MemberLedgers ledgers) {
        return new LedgerSignerService(ledgers);
    }
}
