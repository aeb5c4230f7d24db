package dev.fapiao.node.service;

import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentClaims;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.InvoiceFields;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceValidator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The validation step's reading of the document: the invoice a submission stands for (its own fields
 * cross-checked with the document's, or the document's alone) and the node's claim about the document.
 * Unusable documents are refused here, before anything is sealed: a bomb, a DTD, an escaping path, a
 * malformed file, a declared type the bytes contradict. A format the node does not read is archived as
 * given when the caller sent the fields; {@code opaqueDocument} skips reading altogether.
 */
final class SubmissionDocuments {

    /** What the document made of a submission. */
    record Resolved(Invoice invoice, String documentCheck) {
    }

    private final DocumentReaders readers;
    private final InvoiceValidator validator;

    SubmissionDocuments(DocumentReaders readers, InvoiceValidator validator) {
        this.readers = readers;
        this.validator = validator;
    }

    /**
     * @throws DocumentRefusedException  the document is unusable, or a document-only submission's fields cannot
     *                                   be read from it (each named)
     * @throws DocumentMismatchException the submitted fields differ from the document's
     */
    Resolved resolve(Submission s, String sm3Hex) {
        if (s.opaqueDocument()) {
            if (s.invoice() == null) {
                throw refused("invoice", "required", "an opaque document's fields are not read: send the invoice fields");
            }
            return new Resolved(s.invoice(), null);
        }
        DocumentCheck check;
        try {
            check = readers.check(s.document(), s.contentType(), sm3Hex);
        } catch (DocumentException e) {
            if (e.reason() == DocumentException.Reason.UNSUPPORTED_FORMAT && s.invoice() != null) {
                return new Resolved(s.invoice(), null); // not a format the node reads: archived as given
            }
            if (e.reason() == DocumentException.Reason.UNSUPPORTED_FORMAT) {
                throw refused("invoice", "required", "the fields cannot be read from this document ("
                        + e.getMessage() + "): send the invoice fields");
            }
            String hint = e.reason() == DocumentException.Reason.MALFORMED
                    || e.reason() == DocumentException.Reason.CONTENT_TYPE_MISMATCH
                    ? "; to archive it unread, declare it opaque (opaqueDocument)" : "";
            throw refused("document", "unusable_" + e.reason().name().toLowerCase(Locale.ROOT), e.getMessage() + hint);
        }
        String claim = DocumentClaims.claim(check).toString();
        Optional<InvoiceFields> fields = check.fields();
        if (s.invoice() == null) {
            if (fields.isEmpty()) {
                throw refused("invoice", "required", "the document (" + check.format().title()
                        + ") carries no invoice fields the node can read: send the invoice fields");
            }
            Invoice read = DocumentFieldsCheck.invoice(fields.get());
            List<FieldError> errors = validator.validate(read);
            if (!errors.isEmpty()) {
                throw new DocumentRefusedException(errors.stream().map(f -> new FieldError("document", "fields_unreadable",
                        "invoice." + f.field() + " read from " + fields.get().source() + ": " + f.message()
                                + " (send the invoice fields)")).toList());
            }
            return new Resolved(read, claim);
        }
        if (fields.isPresent()) {
            List<DocumentMismatchException.Mismatch> mismatches = DocumentFieldsCheck.mismatches(s.invoice(), fields.get());
            if (!mismatches.isEmpty()) {
                throw new DocumentMismatchException(mismatches);
            }
        }
        return new Resolved(s.invoice(), claim);
    }

    private static DocumentRefusedException refused(String field, String code, String message) {
        return new DocumentRefusedException(List.of(new FieldError(field, code, message)));
    }
}
