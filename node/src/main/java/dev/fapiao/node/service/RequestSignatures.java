package dev.fapiao.node.service;

import dev.fapiao.node.archive.NonceStore;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerLedger;
import java.time.Clock;
import java.util.Set;

/**
 * Signed state-changing API requests (docs/gateway.md, "Signed requests"): the caller's SM2
 * signature over {@link dev.fapiao.node.seal.RequestEncoding}, by a key of theirs (an enterprise's
 * ENTERPRISE key on the ledger's registry, an operator's or auditor's configured key), a timestamp
 * within the window of this node's clock, and a nonce not seen within it (recorded durably before
 * the request acts). The HTTP layer hashes the body as it arrives ({@link #newBodyDigest}) and asks
 * {@link #check} once the body is read, before any route runs.
 */
public interface RequestSignatures {

    enum Mode {
        /** Bearer-only state-changing requests are refused. */
        REQUIRED,
        /** A signature is checked when sent; bearer-only requests pass (development). */
        OPTIONAL,
        /** Signature headers are ignored. */
        OFF
    }

    /** The signature headers as sent ({@code Fapiao-Signature}, {@code -Timestamp}, {@code -Nonce}, {@code -Key-Id}); null = absent. */
    record Headers(String signature, String timestamp, String nonce, String keyId) {
        public boolean any() {
            return signature != null || timestamp != null || nonce != null || keyId != null;
        }
    }

    /** Who the bearer token says the caller is. */
    record Claimant(ActingAs role, Set<String> codes) {}

    /** The key that signed: its id, owner (credit code; null for configured operator/auditor keys) and source. */
    record SignedBy(String keyId, String ownerCode, String source) {}

    /** SM3 of a body, fed as its bytes arrive. */
    interface BodyDigest {
        void update(byte[] data, int offset, int length);

        /** Lowercase hex; the digest cannot be fed afterwards. */
        String hex();
    }

    Mode mode();

    BodyDigest newBodyDigest();

    /**
     * Checks one request; {@code target} is the request target as sent (path and raw query),
     * {@code bodySm3} the hex SM3 of the bytes received. Records the nonce (durable) when everything else
     * holds. Blocking (ledger read, RocksDB write): call on a worker.
     *
     * @throws RequestSignatureException why not (the problem type names the case)
     */
    SignedBy check(String method, String target, String bodySm3, Headers headers, Claimant caller)
            throws LedgerUnavailableException;

    /** Deletes expired nonces; returns how many. */
    long pruneExpired();

    static RequestSignatures create(NodeConfig.RequestSignatures config, NonceStore nonces, SignerLedger registry,
                                    Clock clock) {
        return new LedgerRequestSignatures(config, nonces, registry, clock);
    }
}
