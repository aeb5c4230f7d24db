package dev.fapiao.node.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.invoice.InvoiceTestSupport;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claim a check becomes, and what a fresh check of a document contradicts in it. */
class DocumentClaimsTest {
    private static final DocumentReaders READERS = DocumentReaders.create();

    private static byte[] tampered() throws Exception {
        return Files.readAllBytes(InvoiceTestSupport.sharedTestData().resolve("invoices/cn-ofd/发票示例.ofd"));
    }

    @Test
    void theTamperedOfdsClaimNamesItsModifiedPartAndItsValidSeal() throws Exception {
        ObjectNode claim = DocumentClaims.claim(READERS.check(tampered()));
        assertEquals("OFD", claim.path("format").asText());
        assertFalse(claim.path("passed").asBoolean());
        assertEquals("[\"Doc_0/Document.xml\"]", claim.path("modifiedParts").toString());
        assertEquals("VALID", claim.path("signatures").path(0).path("value").asText());
        assertEquals("NOT_CONFIGURED", claim.path("signatures").path(0).path("trust").asText());
        assertEquals(List.of("format", "passed", "parts", "modifiedParts", "signatures", "notes", "checkedBy"),
                iterable(claim.fieldNames()));
    }

    @Test
    void aFreshCheckConfirmsATrueClaimAndNamesWhatAFalseOneGetsWrong() throws Exception {
        DocumentCheck fresh = READERS.check(tampered());
        ObjectNode claim = DocumentClaims.claim(fresh);
        assertEquals(List.of(), DocumentClaims.contradictions(claim, fresh));

        ObjectNode lies = claim.deepCopy();
        lies.putArray("modifiedParts");
        ((ObjectNode) lies.path("signatures").path(0)).put("value", "INVALID");
        List<String> c = DocumentClaims.contradictions(lies, fresh);
        assertEquals(2, c.size(), c.toString());
        assertTrue(c.get(0).startsWith("modified parts: claimed [], found [Doc_0/Document.xml]"), c.toString());
        assertTrue(c.get(1).contains("claimed INVALID, found VALID"), c.toString());

        // another document under the same claim: its own seal and no modified part
        TestSeals.Authority a = TestSeals.authority("claims test");
        DocumentCheck other = READERS.check(TestSeals.sealedOfd(TestSeals.parts(), a, Instant.now()));
        // (the bundle's document-hash check binds the bytes; the claim check only says what they contain)
        assertEquals(List.of("modified parts: claimed [Doc_0/Document.xml], found []"),
                DocumentClaims.contradictions(claim, other));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
