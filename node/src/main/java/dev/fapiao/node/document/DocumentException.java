package dev.fapiao.node.document;

import java.util.Objects;

/**
 * The input cannot be read as a document at all (as opposed to a document that was read and fails a
 * check, which is a {@link DocumentCheck} with failures). Callers answer it with "unusable input".
 */
public final class DocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the input was refused. */
    public enum Reason {
        /** Neither content type nor bytes name a supported format. */
        UNSUPPORTED_FORMAT,
        /** The declared content type says one format and the bytes another. */
        CONTENT_TYPE_MISMATCH,
        /** Not well-formed (XML, ZIP, ASN.1, PDF) or a required part is missing. */
        MALFORMED,
        /** The XML has a document type declaration; DTDs and entities are never processed. */
        DTD_REFUSED,
        /** A size, count, depth or compression-ratio limit of {@link DocumentLimits} was exceeded. */
        LIMIT_EXCEEDED,
        /** A container entry name escapes the container (absolute, {@code ..}, backslash, drive). */
        PATH_REFUSED
    }

    private final Reason reason;

    public DocumentException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
