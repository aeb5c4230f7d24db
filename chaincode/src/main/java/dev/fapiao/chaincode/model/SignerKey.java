package dev.fapiao.chaincode.model;

/**
 * A registered SM2 signing key (state object type {@code signer}). {@code mspId} is the member
 * organisation that registered it and owns it (a rotation's successor inherits it); records written
 * before keys carried it have none, which means EnterpriseServicesMSP (AccessPolicy.ownerMsp).
 */
public record SignerKey(String keyId, String ownerCode, SignerKind kind, String nodeId, String publicKey,
        String certificate, String userId, String validFrom, String validTo, String revokedAt,
        String revocationReason, String replacedBy, Change lastChange, String mspId) {

    public SignerKey withValidTo(String newValidTo, String newReplacedBy, Change change) {
        return new SignerKey(keyId, ownerCode, kind, nodeId, publicKey, certificate, userId, validFrom, newValidTo,
                revokedAt, revocationReason, newReplacedBy, change, mspId);
    }

    public SignerKey withRevocation(String newRevokedAt, String reason, Change change) {
        return new SignerKey(keyId, ownerCode, kind, nodeId, publicKey, certificate, userId, validFrom, validTo,
                newRevokedAt, reason, replacedBy, change, mspId);
    }

    /** Same registration (everything a registerSigner call sets), ignoring later changes and the registrar. */
    public boolean sameRegistrationAs(SignerKey other) {
        return java.util.Objects.equals(keyId, other.keyId)
                && java.util.Objects.equals(ownerCode, other.ownerCode)
                && kind == other.kind
                && java.util.Objects.equals(nodeId, other.nodeId)
                && java.util.Objects.equals(publicKey, other.publicKey)
                && java.util.Objects.equals(certificate, other.certificate)
                && java.util.Objects.equals(userId, other.userId)
                && java.util.Objects.equals(validFrom, other.validFrom);
    }
}
