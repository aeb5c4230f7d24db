package dev.fapiao.node.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundle's optional {@code documentCheck} (the node's claim): exact members, out of the signed form when
 * absent, in it when present. The same cases as the console's test/document-claim.test.js.
 */
class RetentionProofDocumentClaimTest {
    static final String CLAIM = "{\"format\":\"OFD\",\"passed\":false,\"parts\":16,\"modifiedParts\":[\"Doc_0/Document.xml\"],"
            + "\"signatures\":[{\"id\":\"Doc_0/Signs/Sign_0/Signature.xml\",\"kind\":\"GB/T 38540 electronic seal (SES v4)\","
            + "\"value\":\"VALID\",\"valueDetail\":\"verified\",\"trust\":\"NOT_CONFIGURED\","
            + "\"trustReason\":\"no trusted seal CAs configured\"}],\"notes\":[],\"checkedBy\":\"fapiao-node test\"}";
    private final ObjectMapper json = new ObjectMapper();

    private String with(String member, String value) throws Exception {
        ObjectNode b = (ObjectNode) json.readTree(RetentionProofVerifierTest.BUNDLE);
        b.set(member, json.readTree(value));
        return b.toString();
    }

    @Test
    void anAbsentClaimStaysOutOfTheSignedFormAndAPresentOneIsInIt() throws Exception {
        ObjectNode unclaimed = (ObjectNode) json.readTree(RetentionProofVerifierTest.BUNDLE);
        unclaimed.remove("documentCheck"); // the recording carries the node's real claim
        RetentionProof plain = RetentionProof.parse(unclaimed.toString());
        assertNull(plain.documentCheck());
        assertFalse(new String(plain.signedBytes(), StandardCharsets.UTF_8).contains("documentCheck"));
        assertFalse(plain.toJson().contains("documentCheck"));
        // strict parsing (docs/retention-proof.md, "Parsing"): an absent claim is left out, never null
        assertThrows(MalformedProofException.class, () -> RetentionProof.parse(with("documentCheck", "null")));

        RetentionProof claimed = RetentionProof.parse(with("documentCheck", CLAIM));
        assertEquals(List.of("Doc_0/Document.xml"), claimed.documentCheck().modifiedParts());
        assertEquals("VALID", claimed.documentCheck().signatures().get(0).value());
        assertTrue(new String(claimed.signedBytes(), StandardCharsets.UTF_8)
                .contains("\"documentCheck\":{\"checkedBy\":\"fapiao-node test\""));
        assertEquals(claimed, RetentionProof.parse(claimed.toJson()), "round trip");
        assertEquals(claimed.documentCheck(), RetentionProof.claim(CLAIM), "the archive record's JSON maps to the same claim");
    }

    @Test
    void theClaimIsParsedWithExactMembers() throws Exception {
        assertThrows(MalformedProofException.class,
                () -> RetentionProof.parse(with("documentCheck", CLAIM.replace("\"parts\":16", "\"parts\":16,\"extra\":1"))));
        assertThrows(MalformedProofException.class,
                () -> RetentionProof.parse(with("documentCheck", CLAIM.replace("\"passed\":false", "\"passed\":\"no\""))));
        assertThrows(MalformedProofException.class, () -> RetentionProof.parse(with("documentCheck", "\"OFD\"")));
    }

    @Test
    void aClaimAddedAfterSigningFailsOnlyTheBundleSignature() throws Exception {
        VerificationReport r = new RetentionProofVerifier(TrustAnchors.parse(RetentionProofVerifierTest.TRUST))
                .verify(with("documentCheck", CLAIM), RetentionProofVerifierTest.bytes("document.xml"));
        assertEquals(List.of("bundle-signature"), r.failed());
    }
}
