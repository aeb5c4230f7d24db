package dev.fapiao.node.model;

import java.util.Objects;

/**
 * A signature over an invoice's seal encoding: who signed ({@code keyId}, 64 hex), the
 * signature (base64 DER) and the seal encoding version it covers.
 */
public record SealRef(String keyId, String signature, int encodingVersion) {
    public SealRef {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }
}
