package dev.fapiao.node.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node read and verified in one document: the value a submission, an archive record or a proof
 * bundle carries as the node's claim about the document.
 *
 * @param format     the format read
 * @param fields     the invoice fields, when the format carries structured fields (absent for an opaque PDF)
 * @param parts      every part with its SM3 hash, in document order
 * @param signatures every signature found, with its verdict
 * @param notes      what was not checked and why (one line each)
 * @param checkedBy  the readers and libraries that produced this check, with versions
 */
public record DocumentCheck(DocumentFormat format, Optional<InvoiceFields> fields, List<PartDigest> parts,
        List<SignatureCheck> signatures, List<String> notes, String checkedBy) {

    public DocumentCheck {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fields, "fields");
        parts = List.copyOf(parts);
        signatures = List.copyOf(signatures);
        notes = List.copyOf(notes);
        Objects.requireNonNull(checkedBy, "checkedBy");
    }

    /** True when no signature fails: every listed part intact and no signer known to be untrusted. */
    public boolean passed() {
        return signatures.stream().allMatch(SignatureCheck::passed);
    }

    /** Names of the parts some signature reports as changed after signing. */
    public List<String> modifiedParts() {
        return signatures.stream().flatMap(s -> s.modifiedParts().stream()).distinct().toList();
    }

    /** Every check as an operator reads it, in order: format, fields, parts, signatures, notes. */
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(new Check("format", Check.Outcome.PASS, format.title()));
        fields.ifPresent(f -> {
            out.add(new Check("fields", Check.Outcome.INFO, "read from " + f.source()));
            for (Map.Entry<String, String> e : f.present().entrySet()) {
                out.add(new Check("field " + e.getKey(), Check.Outcome.INFO, e.getValue()));
            }
        });
        for (PartDigest p : parts) {
            Check.Outcome o = switch (p.integrity()) {
                case INTACT -> Check.Outcome.PASS;
                case MODIFIED -> Check.Outcome.FAIL;
                case UNSIGNED -> Check.Outcome.INFO;
            };
            String what = switch (p.integrity()) {
                case INTACT -> "matches the signed check value";
                case MODIFIED -> "MODIFIED after signing: differs from the signed check value";
                case UNSIGNED -> "not covered by a signature";
            };
            out.add(new Check("part " + p.name(), o, "sm3 " + p.sm3Hex() + ", " + p.size() + " bytes, " + what));
        }
        for (SignatureCheck s : signatures) {
            out.add(signatureValue(s));
            for (String missing : s.missingParts()) {
                out.add(new Check("signature " + s.id() + " part " + missing, Check.Outcome.FAIL,
                        "listed by the signature but missing from the document"));
            }
            Check.Outcome trust = switch (s.trust().status()) {
                case TRUSTED -> Check.Outcome.PASS;
                case UNTRUSTED, REVOKED -> Check.Outcome.FAIL;
                case NOT_CONFIGURED -> Check.Outcome.INFO;
            };
            out.add(new Check("signature " + s.id() + " signer", trust,
                    s.trust().status() + ": " + s.trust().reason()));
        }
        for (String n : notes) {
            out.add(new Check("note", Check.Outcome.INFO, n));
        }
        return out;
    }

    /** The checks that failed. */
    public List<Check> failures() {
        return checks().stream().filter(c -> c.outcome() == Check.Outcome.FAIL).toList();
    }

    private static Check signatureValue(SignatureCheck s) {
        Check.Outcome o = switch (s.value()) {
            case VALID -> Check.Outcome.PASS;
            case INVALID -> Check.Outcome.FAIL;
            case NOT_CHECKED -> Check.Outcome.INFO;
        };
        StringBuilder d = new StringBuilder(s.kind()).append(", ").append(s.algorithm()).append(": ")
                .append(s.value()).append(" (").append(s.valueDetail()).append(')');
        if (s.sealName() != null) {
            d.append("; seal ").append(s.sealName());
        }
        if (s.signer() != null) {
            d.append("; signer ").append(s.signer());
        }
        if (s.signedAt() != null) {
            d.append("; signed at ").append(s.signedAt());
        }
        return new Check("signature " + s.id(), o, d.toString());
    }
}
