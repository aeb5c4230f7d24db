package dev.fapiao.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentClaims;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.SignatureCheck;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.proof.RetentionProof;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code document-check} of {@code verify-proof}: the bundle's {@code documentCheck} is the node's claim;
 * this re-reads the document alone (OFD part hashes and seal signatures, XML signatures where a key is
 * given) and passes when the document still says what the node claimed. Trust is reported from the seal
 * CAs given here ({@code --trust-seals}), not compared with the node's, which used its own.
 */
final class DocumentClaimCheck {
    static final String NAME = "document-check";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentClaimCheck() {
    }

    static CheckResult check(RetentionProof.DocumentClaim claim, byte[] document, TrustedSeals trusted) {
        DocumentCheck fresh;
        try {
            fresh = DocumentReaders.create(DocumentLimits.defaults(), trusted).check(document);
        } catch (DocumentException e) {
            return CheckResult.fail(NAME, "the node claimed a " + claim.format() + " document; this one cannot be read ("
                    + e.reason() + "): " + e.getMessage());
        }
        JsonNode claimed = JSON.valueToTree(claim);
        List<String> contradictions = DocumentClaims.contradictions(claimed, fresh);
        if (!contradictions.isEmpty()) {
            return CheckResult.fail(NAME, "the document contradicts the node's claim: " + String.join("; ", contradictions));
        }
        String sigs = fresh.signatures().isEmpty() ? "no signatures"
                : fresh.signatures().stream().map(DocumentClaimCheck::signature).collect(Collectors.joining(", "));
        return CheckResult.pass(NAME, "re-read: " + fresh.format() + ", " + fresh.parts().size() + " parts, modified "
                + fresh.modifiedParts() + ", " + sigs + "; as the node claimed (its verdict: "
                + (claim.passed() ? "passed" : "failed") + ", by " + claim.checkedBy() + ")");
    }

    private static String signature(SignatureCheck s) {
        return s.id() + " " + s.value() + " signer " + s.trust().status();
    }
}
