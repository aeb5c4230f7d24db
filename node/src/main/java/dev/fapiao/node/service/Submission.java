package dev.fapiao.node.service;

import dev.fapiao.node.invoice.Invoice;
import java.util.Objects;

/**
 * What an enterprise submits: the structured invoice, the legal original exactly as
 * issued (XML, OFD, PDF…) with its media type, and optionally its own SM2 signature over
 * the seal encoding by a key registered on the ledger.
 *
 * @param invoice        the fields; null for a document-only submission (the fields are read from the document)
 * @param opaqueDocument the caller declares the document opaque: it is not read nor cross-checked
 */
public record Submission(Invoice invoice, byte[] document, String contentType, EnterpriseSignature enterpriseSignature,
        boolean opaqueDocument) {

    /** An enterprise's signature over the v1 seal encoding (docs/ledger-model.md). */
    public record EnterpriseSignature(String keyId, String signature) {
        public EnterpriseSignature {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(signature, "signature");
        }
    }

    public Submission {
        Objects.requireNonNull(document, "document");
    }

    public Submission(Invoice invoice, byte[] document, String contentType, EnterpriseSignature enterpriseSignature) {
        this(invoice, document, contentType, enterpriseSignature, false);
    }

    public Submission(Invoice invoice, byte[] document, String contentType) {
        this(invoice, document, contentType, null, false);
    }

    /** A document-only submission: the fields are read from the document. */
    public static Submission documentOnly(byte[] document, String contentType) {
        return new Submission(null, document, contentType, null, false);
    }
}
