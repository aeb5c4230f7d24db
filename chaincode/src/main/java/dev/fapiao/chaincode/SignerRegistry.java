package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.Sm2Keys;
import dev.fapiao.chaincode.crypto.Sm2PublicKey;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.event.SignerChanged;
import dev.fapiao.chaincode.ledger.Json;
import dev.fapiao.chaincode.ledger.Keys;
import dev.fapiao.chaincode.model.HistoryEntry;
import dev.fapiao.chaincode.model.SignerChange;
import dev.fapiao.chaincode.model.SignerKey;
import dev.fapiao.chaincode.model.SignerKind;
import dev.fapiao.chaincode.model.SignerRegistration;
import dev.fapiao.chaincode.model.SignerRotation;
import dev.fapiao.chaincode.rules.AccessPolicy;
import dev.fapiao.chaincode.rules.CreditCode;
import dev.fapiao.chaincode.rules.ErrorCode;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/** registerSigner, rotateSigner, revokeSigner and the signer reads. */
final class SignerRegistry {

    private static final int MAX_USER_ID_BYTES = 1024;

    SignerKey register(Tx tx, String json) {
        AccessPolicy.requireAdmin(tx.caller(), "registerSigner");
        SignerRegistration req = Json.argument("registration", json, SignerRegistration.class);
        String owner = CreditCode.require("ownerCode", req.ownerCode());
        SignerKind kind = Fields.enumValue("kind", req.kind(), SignerKind.class);
        AccessPolicy.requireRegistrar(tx.caller(), kind, "registerSigner");
        String nodeId = null;
        if (kind == SignerKind.NODE) {
            nodeId = Fields.nodeId("nodeId", req.nodeId());
            // the first NODE key of a node claims it for the caller's MSP; later ones must come from it
            AccessPolicy.requireNodeOwner(tx.caller(), nodeId, nodeOwner(tx, nodeId), "registerSigner");
        } else if (req.nodeId() != null) {
            throw Fields.invalid("nodeId", "is only for NODE keys");
        }
        KeyMaterial key = keyMaterial(req.publicKey(), req.certificate());
        String userId = userId(req.userId());
        Instant validFrom = Times.instant("validFrom", req.validFrom());
        Instant validTo = Times.optionalInstant("validTo", req.validTo());
        if (validTo != null && !validTo.isAfter(validFrom)) {
            throw Fields.invalid("validTo", "must be after validFrom");
        }
        SignerKey record = new SignerKey(key.key().keyId(), owner, kind, nodeId, key.key().pem(), key.certificatePem(),
                userId, Times.format(validFrom), Times.format(validTo), null, null, null,
                tx.change(SignerChange.REGISTERED.name(), null, null), tx.caller().mspId());
        SignerKey existing = find(tx, record.keyId());
        if (existing != null) {
            if (existing.sameRegistrationAs(record) && Objects.equals(existing.validTo(), record.validTo())) {
                return existing;
            }
            throw ErrorCode.CONFLICT.error("key " + record.keyId() + " is already registered with different fields");
        }
        store(tx, record, true);
        tx.ledger().emit(SignerChanged.NAME,
                new SignerChanged(tx.txId(), record.keyId(), SignerChange.REGISTERED, owner));
        return record;
    }

    SignerKey rotate(Tx tx, String json) {
        AccessPolicy.requireAdmin(tx.caller(), "rotateSigner");
        SignerRotation req = Json.argument("rotation", json, SignerRotation.class);
        String oldId = Fields.hash("keyId", req.keyId());
        KeyMaterial key = keyMaterial(req.publicKey(), req.certificate());
        String userId = userId(req.userId());
        Instant effectiveAt = Times.instant("effectiveAt", req.effectiveAt());
        Instant validTo = Times.optionalInstant("validTo", req.validTo());
        if (validTo != null && !validTo.isAfter(effectiveAt)) {
            throw Fields.invalid("validTo", "must be after effectiveAt");
        }
        String newId = key.key().keyId();
        if (newId.equals(oldId)) {
            throw Fields.invalid("publicKey", "the new key is the old key " + oldId);
        }
        SignerKey old = require(tx, oldId);
        AccessPolicy.requireKeyAdmin(tx.caller(), old, "rotateSigner");
        if (old.replacedBy() != null) {
            if (old.replacedBy().equals(newId) && Times.format(effectiveAt).equals(old.validTo())) {
                return require(tx, newId);
            }
            throw ErrorCode.CONFLICT.error("key " + oldId + " was already replaced by " + old.replacedBy());
        }
        if (old.revokedAt() != null) {
            throw ErrorCode.CONFLICT.error("key " + oldId + " is revoked (from " + old.revokedAt() + ")");
        }
        if (!effectiveAt.isAfter(Times.stored(old.validFrom()))) {
            throw Fields.invalid("effectiveAt", "must be after the old key's validFrom " + old.validFrom());
        }
        Instant oldTo = Times.stored(old.validTo());
        if (oldTo != null && effectiveAt.isAfter(oldTo)) {
            throw Fields.invalid("effectiveAt", "must not be after the old key's validTo " + old.validTo());
        }
        if (find(tx, newId) != null) {
            throw ErrorCode.CONFLICT.error("the new key " + newId + " is already registered");
        }
        SignerKey replaced = old.withValidTo(Times.format(effectiveAt), newId,
                tx.change(SignerChange.ROTATED.name(), null, newId));
        SignerKey successor = new SignerKey(newId, old.ownerCode(), old.kind(), old.nodeId(), key.key().pem(),
                key.certificatePem(), userId, Times.format(effectiveAt), Times.format(validTo), null, null, null,
                tx.change(SignerChange.ROTATED.name(), null, oldId), AccessPolicy.ownerMsp(old));
        store(tx, replaced, false);
        store(tx, successor, true);
        tx.ledger().emit(SignerChanged.NAME,
                new SignerChanged(tx.txId(), oldId, SignerChange.ROTATED, old.ownerCode()));
        return successor;
    }

    SignerKey revoke(Tx tx, String keyId, String revokedAtText, String reasonText) {
        AccessPolicy.requireAdmin(tx.caller(), "revokeSigner");
        Fields.hash("keyId", keyId);
        Instant revokedAt = Times.instant("revokedAt", revokedAtText);
        String reason = Fields.text("reason", reasonText);
        if (revokedAt.isAfter(tx.time())) {
            throw Fields.invalid("revokedAt", "must not be after the transaction time " + tx.at());
        }
        SignerKey key = require(tx, keyId);
        AccessPolicy.requireKeyAdmin(tx.caller(), key, "revokeSigner");
        if (key.revokedAt() != null) {
            Instant current = Times.stored(key.revokedAt());
            if (current.equals(revokedAt) && reason.equals(key.revocationReason())) {
                return key;
            }
            if (!revokedAt.isBefore(current)) {
                throw ErrorCode.CONFLICT.error("key " + keyId + " is already revoked from " + key.revokedAt()
                        + "; a new revocation may only move that earlier");
            }
        }
        SignerKey revoked = key.withRevocation(Times.format(revokedAt), reason,
                tx.change(SignerChange.REVOKED.name(), reason, null));
        store(tx, revoked, false);
        tx.ledger().emit(SignerChanged.NAME,
                new SignerChanged(tx.txId(), keyId, SignerChange.REVOKED, key.ownerCode()));
        return revoked;
    }

    SignerKey get(Tx tx, String keyId) {
        return require(tx, Fields.hash("keyId", keyId));
    }

    List<SignerKey> byOwner(Tx tx, String code) {
        CreditCode.require("ownerCode", code);
        List<SignerKey> keys = new ArrayList<>();
        for (CompositeKey index : tx.ledger().keysUnder(Keys.CODE_SIGNER, code)) {
            SignerKey key = find(tx, index.getAttributes().get(1));
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** NODE keys registered for a node, in key id order. */
    List<SignerKey> byNode(Tx tx, String nodeId) {
        List<SignerKey> keys = new ArrayList<>();
        for (CompositeKey index : tx.ledger().keysUnder(Keys.NODE_SIGNER, nodeId)) {
            SignerKey key = find(tx, index.getAttributes().get(1));
            if (key != null && key.kind() == SignerKind.NODE) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * The MSP that owns node {@code nodeId}: that of its NODE keys (all of them, whatever their
     * validity: registration keeps them in one MSP), or null when it has none.
     */
    String nodeOwner(Tx tx, String nodeId) {
        List<SignerKey> keys = byNode(tx, nodeId);
        return keys.isEmpty() ? null : AccessPolicy.ownerMsp(keys.get(0));
    }

    /** A node's checkpoints and renewals are anchored by an identity of the MSP that owns it. */
    void requireNodeOwner(Tx tx, String nodeId, String function) {
        AccessPolicy.requireNodeOwner(tx.caller(), nodeId, nodeOwner(tx, nodeId), function);
    }

    List<HistoryEntry> history(Tx tx, String keyId) {
        return tx.ledger().history(Keys.signer(Fields.hash("keyId", keyId)));
    }

    SignerKey find(Tx tx, String keyId) {
        return tx.ledger().get(Keys.signer(keyId), SignerKey.class);
    }

    private SignerKey require(Tx tx, String keyId) {
        SignerKey key = find(tx, keyId);
        if (key == null) {
            throw ErrorCode.NOT_FOUND.error("no signer key " + keyId);
        }
        return key;
    }

    private void store(Tx tx, SignerKey key, boolean isNew) {
        tx.ledger().put(Keys.signer(key.keyId()), key);
        if (isNew) {
            tx.ledger().putIndex(Keys.codeSigner(key.ownerCode(), key.keyId()));
            if (key.kind() == SignerKind.NODE) {
                tx.ledger().putIndex(Keys.nodeSigner(key.nodeId(), key.keyId()));
            }
        }
    }

    private record KeyMaterial(Sm2PublicKey key, String certificatePem) {
    }

    private static KeyMaterial keyMaterial(String publicKeyPem, String certificatePem) {
        boolean hasKey = publicKeyPem != null && !publicKeyPem.isBlank();
        boolean hasCert = certificatePem != null && !certificatePem.isBlank();
        if (!hasKey && !hasCert) {
            throw Fields.invalid("publicKey", "one of publicKey or certificate is required");
        }
        Sm2PublicKey fromKey = null;
        if (hasKey) {
            try {
                fromKey = Sm2Keys.fromPublicKeyPem(publicKeyPem);
            } catch (CryptoFormatException e) {
                throw Fields.invalid("publicKey", e.getMessage());
            }
        }
        if (!hasCert) {
            return new KeyMaterial(fromKey, null);
        }
        Sm2PublicKey fromCert;
        String canonicalCert;
        try {
            fromCert = Sm2Keys.fromCertificatePem(certificatePem);
            canonicalCert = Sm2Keys.canonicalCertificatePem(certificatePem);
        } catch (CryptoFormatException e) {
            throw Fields.invalid("certificate", e.getMessage());
        }
        if (fromKey != null && !fromKey.keyId().equals(fromCert.keyId())) {
            throw Fields.invalid("publicKey", "does not match the certificate's public key");
        }
        return new KeyMaterial(fromCert, canonicalCert);
    }

    private static String userId(String userId) {
        if (userId == null) {
            return Sm2Verifier.DEFAULT_USER_ID;
        }
        if (userId.isEmpty()) {
            throw Fields.invalid("userId", "must not be empty (omit it for the default " + Sm2Verifier.DEFAULT_USER_ID
                    + ")");
        }
        if (userId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_USER_ID_BYTES) {
            throw Fields.invalid("userId", "is longer than " + MAX_USER_ID_BYTES + " bytes");
        }
        return userId;
    }
}
