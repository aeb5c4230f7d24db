package dev.fapiao.node.service;

import dev.fapiao.node.archive.NonceStore;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.CryptoFormatException;
import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2PublicKey;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.ledger.ChaincodeRefusedException;
import dev.fapiao.node.ledger.LedgerUnavailableException;
import dev.fapiao.node.ledger.SignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.seal.RequestEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * {@link RequestSignatures} over the ledger's signer registry (ENTERPRISE keys, cached for
 * {@code keyCacheSeconds}) and the configured operator and auditor keys, with the archive's
 * {@link NonceStore}. Cheap checks first (headers, window), then the key, the signature, and only
 * then the nonce: a forged request cannot fill the store.
 */
final class LedgerRequestSignatures implements RequestSignatures {

    private record Configured(ActingAs role, Sm2PublicKey key) {}

    private record Cached(Optional<SignerRecord> record, Instant readAt) {}

    private final Mode mode;
    private final Duration window;
    private final long maxNonces;
    private final Duration keyCache;
    private final NonceStore nonces;
    private final SignerLedger registry;
    private final Clock clock;
    private final Map<String, Configured> configured;
    private final Map<String, Cached> ledgerKeys = new ConcurrentHashMap<>();

    LedgerRequestSignatures(NodeConfig.RequestSignatures config, NonceStore nonces, SignerLedger registry, Clock clock) {
        this.mode = Mode.valueOf(config.mode().toUpperCase(Locale.ROOT));
        this.window = Duration.ofSeconds(config.windowSeconds());
        this.maxNonces = config.maxNonces();
        this.keyCache = Duration.ofSeconds(config.keyCacheSeconds());
        this.nonces = nonces;
        this.registry = registry;
        this.clock = clock;
        Map<String, Configured> keys = new HashMap<>();
        load(keys, config.operatorKeys(), ActingAs.OPERATOR, "requestSignatures.operatorKeys");
        load(keys, config.auditorKeys(), ActingAs.AUDITOR, "requestSignatures.auditorKeys");
        this.configured = Map.copyOf(keys);
    }

    private static void load(Map<String, Configured> into, String files, ActingAs role, String setting) {
        for (String f : files.split(",")) {
            if (f.isBlank()) {
                continue;
            }
            try {
                Sm2PublicKey key = Sm2PublicKey.fromPem(Files.readString(Path.of(f.strip())));
                into.put(key.keyId(), new Configured(role, key));
            } catch (IOException | CryptoFormatException e) {
                throw new ConfigException(setting + ": cannot read an SM2 public key from " + f.strip() + ": "
                        + e.getMessage());
            }
        }
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public BodyDigest newBodyDigest() {
        SM3Digest d = new SM3Digest();
        return new BodyDigest() {
            @Override
            public void update(byte[] data, int offset, int length) {
                d.update(data, offset, length);
            }

            @Override
            public String hex() {
                byte[] out = new byte[d.getDigestSize()];
                d.doFinal(out, 0);
                return HexFormat.of().formatHex(out);
            }
        };
    }

    @Override
    public SignedBy check(String method, String target, String bodySm3, Headers h, Claimant caller)
            throws LedgerUnavailableException {
        for (String[] header : new String[][] {{"Fapiao-Signature", h.signature()},
                {"Fapiao-Timestamp", h.timestamp()}, {"Fapiao-Nonce", h.nonce()}, {"Fapiao-Key-Id", h.keyId()}}) {
            if (header[1] == null || header[1].isBlank()) {
                throw RequestSignatureException.unauthorized("signature-required", "a signed request needs the "
                        + header[0] + " header (SM2 over the canonical request, docs/gateway.md)");
            }
        }
        if (!RequestEncoding.TIMESTAMP.matcher(h.timestamp()).matches()) {
            throw bad("Fapiao-Timestamp must be Unix time in seconds (decimal digits)");
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(Long.parseLong(h.timestamp()));
        if (Duration.between(sent, now).abs().compareTo(window) > 0) {
            throw RequestSignatureException.unauthorized("request-expired", "Fapiao-Timestamp " + h.timestamp()
                    + " is " + Duration.between(sent, now).abs().toSeconds() + " s from this node's clock ("
                    + now.getEpochSecond() + "); at most " + window.toSeconds() + " s either way");
        }
        RequestEncoding encoding;
        try {
            encoding = new RequestEncoding(method, target, bodySm3, sent.getEpochSecond(), h.nonce(), h.keyId());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(h.signature().strip());
        } catch (IllegalArgumentException e) {
            throw bad("Fapiao-Signature is not base64");
        }
        Verifying v = key(h.keyId(), caller, now);
        if (!v.verifier().verify(encoding.canonical(), signature)) {
            throw bad("the signature does not verify with key " + h.keyId()
                    + " over this request (method, target, body, timestamp, nonce, key id)");
        }
        NonceStore.Outcome outcome = nonces.record(h.keyId(), h.nonce(), sent.plus(window), now, maxNonces);
        switch (outcome) {
            case REPLAY -> throw RequestSignatureException.unauthorized("request-replayed", "nonce " + h.nonce()
                    + " of key " + h.keyId() + " was already used within the " + window.toSeconds() + " s window");
            case FULL -> throw new RequestSignatureException("nonce-store-full", 503, "the replay store holds "
                    + maxNonces + " nonces; retry when older ones expire");
            default -> {
                return v.signedBy();
            }
        }
    }

    private record Verifying(Sm2Verifier verifier, SignedBy signedBy) {}

    /** The caller's key {@code keyId}, valid now; refused (401) otherwise. */
    private Verifying key(String keyId, Claimant caller, Instant now) throws LedgerUnavailableException {
        if (caller.role() != ActingAs.ENTERPRISE) {
            Configured c = configured.get(keyId);
            if (c == null || c.role() != caller.role()) {
                throw bad("key " + keyId + " is not a configured " + caller.role().name().toLowerCase(Locale.ROOT)
                        + " key (requestSignatures." + caller.role().name().toLowerCase(Locale.ROOT) + "Keys)");
            }
            return new Verifying(Sm2Verifier.of(c.key()), new SignedBy(keyId, null, "configuration"));
        }
        SignerRecord r = ledgerKey(keyId).orElseThrow(() -> bad("key " + keyId + " is not in the signer registry"));
        if (!"ENTERPRISE".equals(r.kind()) || !caller.codes().contains(r.ownerCode())) {
            throw bad("key " + keyId + " is not an ENTERPRISE key of this token's credit codes");
        }
        String problem = validity(r, now);
        if (problem != null) {
            throw bad(problem);
        }
        try {
            Sm2Verifier verifier = Sm2Verifier.of(Sm2PublicKey.fromPem(r.publicKey()))
                    .withUserId(r.userId() == null || r.userId().isBlank() ? Sm2.DEFAULT_USER_ID : r.userId());
            return new Verifying(verifier, new SignedBy(keyId, r.ownerCode(), "ledger"));
        } catch (CryptoFormatException | IllegalArgumentException e) {
            throw bad("key " + keyId + " in the registry is not a usable SM2 key");
        }
    }

    /** Null when the registered key is valid at {@code t} (the chaincode's rule), else why not. */
    static String validity(SignerRecord r, Instant t) {
        try {
            if (r.validFrom() != null && t.isBefore(Instant.parse(r.validFrom()))) {
                return "key " + r.keyId() + " is valid only from " + r.validFrom();
            }
            if (r.validTo() != null && !t.isBefore(Instant.parse(r.validTo()))) {
                return "key " + r.keyId() + " was valid only until " + r.validTo();
            }
            if (r.revokedAt() != null && !t.isBefore(Instant.parse(r.revokedAt()))) {
                return "key " + r.keyId() + " is revoked from " + r.revokedAt();
            }
            return null;
        } catch (DateTimeParseException e) {
            return "key " + r.keyId() + " has an unreadable validity period in the registry";
        }
    }

    /** The registry's record, re-read once the cached one is older than {@code keyCacheSeconds}. */
    private Optional<SignerRecord> ledgerKey(String keyId) throws LedgerUnavailableException {
        Instant now = clock.instant();
        Cached c = ledgerKeys.get(keyId);
        if (c != null && c.readAt().plus(keyCache).isAfter(now)) {
            return c.record();
        }
        Optional<SignerRecord> r;
        try {
            r = registry.signer(keyId);
        } catch (ChaincodeRefusedException e) {
            r = Optional.empty();
        }
        if (r.isPresent()) { // unknown ids are not cached: the map stays as small as the registry
            ledgerKeys.put(keyId, new Cached(r, now));
        }
        return r;
    }

    @Override
    public long pruneExpired() {
        return nonces.prune(clock.instant());
    }

    private static RequestSignatureException bad(String message) {
        return RequestSignatureException.unauthorized("bad-signature", message);
    }
}
