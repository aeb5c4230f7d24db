package dev.fapiao.gateway;

import dev.fapiao.node.ledger.MapSignerLedger;
import dev.fapiao.node.ledger.SignerRecord;

/** A signer registry in a map, for unit tests of signed requests without a ledger (reads only). */
final class TestRegistry extends MapSignerLedger {

    /** An ENTERPRISE key of {@code owner}, valid since 2020, not revoked unless {@code revokedAt} is set. */
    void enterprise(String keyId, String owner, String publicKeyPem, String revokedAt) {
        put(new SignerRecord(keyId, owner, "ENTERPRISE", null, publicKeyPem, null,
                "2020-01-01T00:00:00Z", null, revokedAt, null));
    }
}
