package dev.fapiao.node.document;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one signature inside a document (an OFD electronic seal, the tax bureau's signature of
 * a 数电票 XML, a PDF signature).
 *
 * @param id            where it is ({@code Doc_0/Signs/Sign_0/Signature.xml})
 * @param kind          what it is ({@code "GB/T 38540 electronic seal (SES v4)"})
 * @param algorithm     signature algorithm OID or name
 * @param signer        signer certificate subject; null when the document carries none
 * @param sealName      the seal's name (OFD); null otherwise
 * @param signedAt      signing time the signature states (not a trusted timestamp); null when absent
 * @param value         whether the signature value verifies
 * @param valueDetail   one line: what was verified, or which step failed
 * @param modifiedParts parts whose check value differs from their hash
 * @param missingParts  parts the signature lists but the document does not contain
 * @param trust         whether the signer is trusted
 */
public record SignatureCheck(String id, String kind, String algorithm, String signer, String sealName,
        Instant signedAt, Verdict value, String valueDetail, List<String> modifiedParts, List<String> missingParts,
        Trust trust) {

    public enum Verdict {
        VALID,
        INVALID,
        /** Could not be checked (e.g. no trusted key configured for an XML signature). */
        NOT_CHECKED
    }

    public SignatureCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(valueDetail, "valueDetail");
        Objects.requireNonNull(trust, "trust");
        modifiedParts = List.copyOf(modifiedParts);
        missingParts = List.copyOf(missingParts);
    }

    /** Value verifies, no part changed or missing, and the signer is not known to be untrusted or revoked. */
    public boolean passed() {
        return value != Verdict.INVALID && modifiedParts.isEmpty() && missingParts.isEmpty()
                && trust.status() != Trust.Status.UNTRUSTED && trust.status() != Trust.Status.REVOKED;
    }
}
