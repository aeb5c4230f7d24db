package dev.fapiao.node.document;

import java.util.Objects;

/**
 * Whether a signer's certificate chains to a configured trusted seal CA, and why (not).
 *
 * @param status  the verdict
 * @param reason  one line: the chain found, or what is missing or wrong
 */
public record Trust(Status status, String reason) {
    public enum Status {
        /**
         * Chains to a trusted CA; every certificate valid at the signing time and not revoked by then on a CRL
         * of that CA that was configured (the reason says whether one was, and a revocation after signing).
         */
        TRUSTED,
        /** Trusted CAs are configured and the chain does not reach one, or a certificate is wrong. */
        UNTRUSTED,
        /** No trusted seal CAs are configured: the signature is checked, its signer is not. */
        NOT_CONFIGURED,
        /** Chains to a trusted CA whose CRL lists the certificate as revoked at or before the signing time. */
        REVOKED
    }

    public Trust {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
