package dev.fapiao.node.seal;

import dev.fapiao.node.crypto.Sm2Verifier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed invoice seal in ledger form: hashes as lowercase hex, signature as standard padded
 * base64 of the DER SM2 signature over {@link SealEncoding} (version {@code encodingVersion}).
 */
public record Seal(String invoiceId, String docHash, String metaHash, Instant issueTime, LocalDate retainUntil,
        String keyId, String signature, int encodingVersion) {

    public Seal {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(docHash, "docHash");
        Objects.requireNonNull(metaHash, "metaHash");
        Objects.requireNonNull(issueTime, "issueTime");
        Objects.requireNonNull(retainUntil, "retainUntil");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        if (encodingVersion != SealEncoding.VERSION) {
            throw new IllegalArgumentException("unsupported seal encoding version " + encodingVersion);
        }
    }

    /** The bytes the signature covers. */
    public byte[] encoding() {
        HexFormat hex = HexFormat.of();
        return SealEncoding.encode(invoiceId, hex.parseHex(docHash), hex.parseHex(metaHash), issueTime, retainUntil);
    }

    public byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    /**
     * True if the verifier's key is the one named by {@code keyId} and the signature is valid.
     * The verifier must carry the signer's user ID (default 1234567812345678).
     */
    public boolean verify(Sm2Verifier verifier) {
        if (!verifier.keyId().equals(keyId)) {
            return false;
        }
        try {
            return verifier.verify(encoding(), signatureBytes());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
