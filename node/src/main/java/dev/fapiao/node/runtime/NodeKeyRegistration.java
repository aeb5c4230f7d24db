package dev.fapiao.node.runtime;

import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerLedger;
import dev.fapiao.node.ledger.SignerRegistration;
import dev.fapiao.node.seal.Sealer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the node's seal key is registered on the ledger as a NODE key. Registering
 * is an operator's act (an admin of the node's own MSP, {@code ledger.mspId}, which then owns
 * the node); in development the node does it itself with the profile's Admin of that MSP, in
 * production an operator registers the key in the signer registry and the node only checks.
 */
final class NodeKeyRegistration {

    private static final Logger log = LoggerFactory.getLogger(NodeKeyRegistration.class);

    private NodeKeyRegistration() {
    }

    static boolean isRegistered(SignerLedger ledger, String keyId) {
        try {
            return ledger.signer(keyId).isPresent();
        } catch (ChaincodeRefusedException | LedgerUnavailableException e) {
            throw new IllegalStateException("cannot look up the node's key on the ledger: " + e.getMessage(), e);
        }
    }

    static void register(SignerLedger operator, Sealer sealer, String nodeId, String ownerCode, Clock clock)
            throws ChaincodeRefusedException, LedgerUnavailableException {
        String validFrom = clock.instant().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString();
        operator.registerSigner(new SignerRegistration(ownerCode, "NODE", nodeId, sealer.publicKey().toPem(),
                null, null, validFrom, null));
        log.info("registered seal key {} of node {} on the ledger", sealer.keyId(), nodeId);
    }
}
