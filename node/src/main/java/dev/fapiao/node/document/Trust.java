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
        /** Chains to a trusted CA; every certificate valid at the signing time. Revocation is not checked. */
        TRUSTED,
        /** Trusted CAs are configured and the chain does not reach one, or a certificate is wrong. */
        UNTRUSTED,
        /** No trusted seal CAs are configured: the signature is checked, its signer is not. */
        NOT_CONFIGURED
    }

    public Trust {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
