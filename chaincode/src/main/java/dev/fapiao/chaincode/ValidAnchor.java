package dev.fapiao.chaincode;

import dev.fapiao.chaincode.crypto.CryptoFormatException;
import dev.fapiao.chaincode.crypto.Hex;
import dev.fapiao.chaincode.crypto.SealEncoding;
import dev.fapiao.chaincode.crypto.Sm2Verifier;
import dev.fapiao.chaincode.model.Anchor;
import dev.fapiao.chaincode.model.InvoiceKind;
import dev.fapiao.chaincode.model.SignatureEntry;
import dev.fapiao.chaincode.rules.Fields;
import dev.fapiao.chaincode.rules.InvoiceId;
import dev.fapiao.chaincode.rules.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An {@link Anchor} whose fields are validated and normalised (INVALID_ARGUMENT otherwise). */
record ValidAnchor(InvoiceId id, String docHash, String metaHash, Instant issueTime, LocalDate retainUntil,
        InvoiceKind kind, String reverses, List<SignatureEntry> signatures, List<byte[]> signatureBytes) {

    static final int RETENTION_YEARS = 15;
    static final int MAX_SIGNATURES = 16;

    static ValidAnchor of(Anchor a) {
        InvoiceId id = InvoiceId.parse("invoiceId", a.invoiceId());
        String docHash = Fields.hash("docHash", a.docHash());
        String metaHash = Fields.hash("metaHash", a.metaHash());
        Instant issueTime = Times.instant("issueTime", a.issueTime());
        LocalDate issueDate = Times.cstDate(issueTime);
        LocalDate retainUntil = a.retainUntil() == null
                ? issueDate.plusYears(RETENTION_YEARS)
                : Times.date("retainUntil", a.retainUntil());
        if (retainUntil.isBefore(issueDate)) {
            throw Fields.invalid("retainUntil", "must not be before the issue date " + issueDate + " (CST)");
        }
        InvoiceKind kind = a.kind() == null ? InvoiceKind.NORMAL : Fields.enumValue("kind", a.kind(), InvoiceKind.class);
        String reverses = null;
        if (kind == InvoiceKind.RED_LETTER) {
            InvoiceId reversed = InvoiceId.parse("reverses", a.reverses());
            if (!reversed.issuer().equals(id.issuer())) {
                throw Fields.invalid("reverses", "a red-letter invoice reverses an invoice of the same issuer "
                        + id.issuer());
            }
            if (reversed.value().equals(id.value())) {
                throw Fields.invalid("reverses", "an invoice cannot reverse itself");
            }
            reverses = reversed.value();
        } else if (a.reverses() != null) {
            throw Fields.invalid("reverses", "only RED_LETTER invoices reverse another invoice");
        }
        List<SignatureEntry> sigs = a.signatures();
        if (sigs == null || sigs.isEmpty()) {
            throw Fields.invalid("signatures", "at least one signature is required");
        }
        if (sigs.size() > MAX_SIGNATURES) {
            throw Fields.invalid("signatures", "at most " + MAX_SIGNATURES + " signatures");
        }
        List<SignatureEntry> entries = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < sigs.size(); i++) {
            String field = "signatures[" + i + "]";
            SignatureEntry s = sigs.get(i);
            if (s == null) {
                throw Fields.invalid(field, "must be an object {keyId, signature}");
            }
            String keyId = Fields.hash(field + ".keyId", s.keyId());
            if (!keyIds.add(keyId)) {
                throw Fields.invalid(field + ".keyId", "key " + keyId + " signs twice");
            }
            byte[] sig = Fields.base64(field + ".signature", s.signature());
            try {
                Sm2Verifier.requireDer(sig);
            } catch (CryptoFormatException e) {
                throw Fields.invalid(field + ".signature", e.getMessage());
            }
            entries.add(new SignatureEntry(keyId, s.signature()));
            raw.add(sig);
        }
        return new ValidAnchor(id, docHash, metaHash, issueTime, retainUntil, kind, reverses, entries, raw);
    }

    /** The seal encoding these fields sign. */
    byte[] sealBytes() {
        try {
            return SealEncoding.encode(id.value(), Hex.decode(docHash), Hex.decode(metaHash), issueTime.toEpochMilli(),
                    Math.toIntExact(retainUntil.toEpochDay()));
        } catch (CryptoFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
