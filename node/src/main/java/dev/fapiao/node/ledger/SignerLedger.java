package dev.fapiao.node.ledger;

import java.util.List;
import java.util.Optional;

/** The signer registry (docs/ledger-model.md): keys by id and owner; operators change it. */
public interface SignerLedger {

    /** {@code getSigner(keyId)}; empty when the key is not registered. */
    Optional<SignerRecord> signer(String keyId) throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code getSignersByOwner(ownerCode)}. */
    List<SignerRecord> signersByOwner(String ownerCode) throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code registerSigner(json)} (an OU admin, docs/ledger-model.md "Access control"), waiting for the commit. */
    SignerRecord registerSigner(SignerRegistration registration)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code rotateSigner(json)}, waiting for the commit; the chaincode's answer as it returned it. */
    com.fasterxml.jackson.databind.JsonNode rotateSigner(SignerRotation rotation)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /**
     * {@code registerSigner(json)} with an operator's request passed on as written (the gateway's
     * {@code POST /v1/signers}): the chaincode checks every field and names the bad ones.
     */
    SignerRecord registerSigner(com.fasterxml.jackson.databind.JsonNode request)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code rotateSigner(json)} with an operator's request passed on as written. */
    com.fasterxml.jackson.databind.JsonNode rotateSigner(com.fasterxml.jackson.databind.JsonNode request)
            throws ChaincodeRefusedException, LedgerUnavailableException;

    /** {@code revokeSigner(keyId, revokedAt, reason)}, waiting for the commit. */
    SignerRecord revokeSigner(String keyId, String revokedAt, String reason)
            throws ChaincodeRefusedException, LedgerUnavailableException;
}
