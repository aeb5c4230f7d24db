package dev.fapiao.node.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.seal.Sealer;
import java.time.Clock;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the node's seal key is registered on the ledger as a NODE key. Registering
 * is an operator's act (an admin of EnterpriseServicesMSP); in development the node does
 * it itself with the profile's admin identity, in production an operator runs
 * {@code registerSigner} and the node only checks.
 */
final class NodeKeyRegistration {

    private static final Logger log = LoggerFactory.getLogger(NodeKeyRegistration.class);

    private NodeKeyRegistration() {
    }

    static boolean isRegistered(Contract contract, String keyId) {
        try {
            contract.evaluateTransaction("getSigner", keyId);
            return true;
        } catch (GatewayException e) {
            ChaincodeError err = ChaincodeError.of(e);
            if (err != null && err.code().equals("NOT_FOUND")) {
                return false;
            }
            throw new IllegalStateException("cannot look up the node's key on the ledger: "
                    + (err != null ? err.message() : e.getMessage()), e);
        }
    }

    static void register(LedgerConnection operator, Sealer sealer, String nodeId, String ownerCode, Clock clock)
            throws GatewayException, org.hyperledger.fabric.client.CommitException {
        String req = new ObjectMapper().createObjectNode()
                .put("ownerCode", ownerCode)
                .put("kind", "NODE")
                .put("nodeId", nodeId)
                .put("publicKey", sealer.publicKey().toPem())
                .put("validFrom", clock.instant().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .toString();
        operator.contract().submitTransaction("registerSigner", req);
        log.info("registered seal key {} of node {} on the ledger", sealer.keyId(), nodeId);
    }
}
