package dev.fapiao.node.document;

import java.util.Objects;

/**
 * One line of a document check as an operator reads it: {@code PASS part Doc_0/OFD.xml: sm3 …}.
 *
 * @param name    what was checked ({@code format}, {@code part Doc_0/Document.xml}, {@code signature …})
 * @param outcome the result
 * @param detail  one line
 */
public record Check(String name, Outcome outcome, String detail) {
    public enum Outcome {
        PASS,
        FAIL,
        /** Recorded, not verified (e.g. a field read, an unsigned part, an untrusted-but-unconfigured signer). */
        INFO
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
