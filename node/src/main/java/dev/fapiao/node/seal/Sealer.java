package dev.fapiao.node.seal;

import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Signer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Seals invoices (and signs checkpoints) with a node key. Thread-safe: {@link Sm2Signer} keeps no
 * per-signature state.
 */
public final class Sealer {
    private final Sm2Signer signer;

    public Sealer(Sm2Signer signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** With the GM/T 0009 default user ID. */
    public Sealer(Sm2PrivateKey nodeKey) {
        this(Sm2Signer.of(nodeKey));
    }

    /**
     * Signs the v1 seal encoding. {@code issueTime} is truncated to milliseconds (all the encoding
     * holds); the returned seal carries the truncated value, which is what must be anchored.
     */
    public Seal seal(String invoiceId, byte[] docHash, byte[] metaHash, Instant issueTime, LocalDate retainUntil) {
        Instant t = issueTime.truncatedTo(ChronoUnit.MILLIS);
        byte[] sig = signer.sign(SealEncoding.encode(invoiceId, docHash, metaHash, t, retainUntil));
        HexFormat hex = HexFormat.of();
        return new Seal(invoiceId, hex.formatHex(docHash), hex.formatHex(metaHash), t, retainUntil,
                signer.keyId(), Base64.getEncoder().encodeToString(sig), SealEncoding.VERSION);
    }

    /** With the ledger's default retain-until (CST issue date + 15 years). */
    public Seal seal(String invoiceId, byte[] docHash, byte[] metaHash, Instant issueTime) {
        Instant t = issueTime.truncatedTo(ChronoUnit.MILLIS);
        return seal(invoiceId, docHash, metaHash, t, SealEncoding.defaultRetainUntil(t));
    }

    /** Base64 DER signature over the v1 checkpoint encoding, as {@code anchorCheckpoint} expects. */
    public String signCheckpoint(String nodeId, long treeSize, byte[] rootHash) {
        return Base64.getEncoder().encodeToString(signer.sign(CheckpointEncoding.encode(nodeId, treeSize, rootHash)));
    }

    /**
     * Base64 DER signature over arbitrary bytes, used for retention-proof bundles (the RFC 8785
     * canonical JSON of the bundle without its signature; it starts with '{', so it can never
     * equal a seal or checkpoint encoding).
     */
    public String signProofBundle(byte[] canonicalJson) {
        return Base64.getEncoder().encodeToString(signer.sign(canonicalJson));
    }

    public String keyId() {
        return signer.keyId();
    }

    public Sm2PublicKey publicKey() {
        return signer.publicKey();
    }
}
