package dev.fapiao.bench;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Sealer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hyperledger.fabric.client.GatewayException;

/** The seal key of a client that anchors straight to the ledger (baseline, ledger ceiling). */
final class BenchKeys {

    static final String MSP = "EnterpriseServicesMSP";
    private static final String OWNER = "91110108MA01FP0Y2C";

    private BenchKeys() {
    }

    /**
     * A fresh SM2 key, registered as a NODE key of {@code nodeId} ({@code registerSigner} as the
     * EnterpriseServicesMSP Admin), valid from five minutes ago.
     */
    static Sealer registerNodeKey(NetworkProfile profile, String nodeId) throws Exception {
        Sealer sealer = new Sealer(Sm2KeyPair.generate().privateKey());
        String registration = PhaseResult.JSON.createObjectNode()
                .put("ownerCode", OWNER).put("kind", "NODE").put("nodeId", nodeId)
                .put("publicKey", sealer.publicKey().toPem())
                .put("validFrom", Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString())
                .toString();
        for (int attempt = 1; ; attempt++) {
            // on a saturated machine a connection may drop (UNAVAILABLE): a new one, five tries
            try (LedgerConnection admin = LedgerConnection.open(profile.settings(MSP, "Admin"))) {
                admin.contract().submitTransaction("registerSigner", registration);
                return sealer;
            } catch (GatewayException e) {
                if (attempt == 5 || e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE) {
                    throw e;
                }
                System.err.println("registerSigner: " + e.getMessage() + "; again in 5 s");
                Thread.sleep(5000);
            }
        }
    }
}
