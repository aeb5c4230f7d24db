package dev.fapiao.bench;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Sealer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
        try (LedgerConnection admin = LedgerConnection.open(profile.settings(MSP, "Admin"))) {
            admin.contract().submitTransaction("registerSigner", PhaseResult.JSON.createObjectNode()
                    .put("ownerCode", OWNER).put("kind", "NODE").put("nodeId", nodeId)
                    .put("publicKey", sealer.publicKey().toPem())
                    .put("validFrom", Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString())
                    .toString());
        }
        return sealer;
    }
}
