package dev.fapiao.node.service;

import dev.fapiao.node.invoice.Invoice;
import java.util.Objects;

/**
 * What an enterprise submits: the structured invoice, the legal original exactly as
 * issued (XML, OFD, PDF…) with its media type, and optionally its own SM2 signature over
 * the seal encoding by a key registered on the ledger.
 */
public record Submission(Invoice invoice, byte[] document, String contentType, EnterpriseSignature enterpriseSignature) {

    /** An enterprise's signature over the v1 seal encoding (docs/ledger-model.md). */
    public record EnterpriseSignature(String keyId, String signature) {
        public EnterpriseSignature {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(signature, "signature");
        }
    }

    public Submission {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(document, "document");
    }

    public Submission(Invoice invoice, byte[] document, String contentType) {
        this(invoice, document, contentType, null);
    }
}
