package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Submission;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Submissions as JSON and as multipart parts: good input, and every bad field named as the request spells it. */
class SubmissionParserTest {

    private final InvoiceGenerator gen = new InvoiceGenerator(7);
    private final Invoice invoice = gen.invoice(gen.creditCode(), Instant.parse("2026-11-20T02:00:00Z"));
    private final byte[] invoiceJson = CanonicalJson.of(invoice);
    private final byte[] document = "<Invoice/>".getBytes(StandardCharsets.UTF_8);

    private static List<String> errors(Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    private ObjectNode body() {
        ObjectNode o = Json.object().put("document", Base64.getEncoder().encodeToString(document))
                .put("contentType", " application/xml ");
        o.set("invoice", Json.parseLedger(invoiceJson));
        return o;
    }

    // ------------------------------------------------------------------ JSON

    @Test
    void jsonSubmissionCarriesInvoiceDocumentTypeAndSignature() {
        Submission s = SubmissionParser.json(body());
        assertEquals(invoice.id(), s.invoice().id());
        assertArrayEquals(document, s.document());
        assertEquals("application/xml", s.contentType());
        assertNull(s.enterpriseSignature());

        ObjectNode signed = body();
        signed.putObject("enterpriseSignature").put("keyId", "ab").put("signature", "cd");
        assertEquals(new Submission.EnterpriseSignature("ab", "cd"), SubmissionParser.json(signed).enterpriseSignature());
    }

    @Test
    void everyBadJsonFieldIsNamedWithThePrefix() {
        assertEquals(List.of(":wrong_type"), errors(() -> SubmissionParser.json(Json.parseBody("[]".getBytes()))));
        // no invoice is a document-only submission (issue 14): not an error of the parser
        assertEquals(List.of("document:required", "contentType:required"),
                errors(() -> SubmissionParser.json(Json.object())));
        ObjectNode bad = body().put("extra", 1).put("document", "not base64!").put("contentType", "xml");
        bad.put("enterpriseSignature", "sig");
        assertEquals(List.of("extra:unknown_field", "document:bad_base64", "contentType:bad_format",
                "enterpriseSignature:wrong_type"), errors(() -> SubmissionParser.json(bad)));
        ObjectNode wrong = body().put("invoice", "text");
        wrong.put("document", 5);
        assertEquals(List.of("items[3].document:wrong_type", "items[3].invoice:wrong_type"),
                errors(() -> SubmissionParser.json(wrong, "items[3].")));
    }

    @Test
    void invoiceFieldErrorsGoUnderInvoice() {
        ObjectNode b = body();
        ((ObjectNode) b.get("invoice")).put("issueTime", "yesterday");
        List<String> errs = errors(() -> SubmissionParser.json(b));
        assertTrue(errs.stream().allMatch(e -> e.startsWith("invoice.issueTime:")), errs.toString());
    }

    // ------------------------------------------------------------------ multipart

    private static SubmissionParser.Part part(String name, String contentType, byte[] bytes) {
        return new SubmissionParser.Part(name, contentType, () -> bytes);
    }

    @Test
    void multipartTakesTheInvoicePartOrAttributeAndTheDocumentsType() throws Exception {
        Submission s = SubmissionParser.multipart(List.of(part("invoice", "application/json", invoiceJson),
                part("document", "application/pdf", document)), null, null);
        assertEquals(invoice.id(), s.invoice().id());
        assertArrayEquals(document, s.document());
        assertEquals("application/pdf", s.contentType());

        s = SubmissionParser.multipart(List.of(part("document", "application/pdf", document)),
                new String(invoiceJson, StandardCharsets.UTF_8), "application/ofd");
        assertEquals(invoice.id(), s.invoice().id());
        assertEquals("application/ofd", s.contentType(), "the contentType attribute wins");
    }

    @Test
    void aDocumentAloneIsADocumentOnlySubmissionAndOpaqueDocumentIsRead() throws Exception {
        ObjectNode only = body();
        only.remove("invoice");
        Submission s = SubmissionParser.json(only);
        assertEquals(null, s.invoice());
        assertFalse(s.opaqueDocument());
        assertTrue(SubmissionParser.json(body().put("opaqueDocument", true)).opaqueDocument());
        assertEquals(List.of("opaqueDocument:wrong_type"), errors(() -> SubmissionParser.json(body().put("opaqueDocument", "yes"))));

        Submission m = SubmissionParser.multipart(List.of(part("document", "application/ofd", document)), null, null, "true");
        assertEquals(null, m.invoice());
        assertTrue(m.opaqueDocument());
        assertEquals("application/ofd", m.contentType());
        assertEquals(List.of("opaqueDocument:bad_value"), errors(() -> SubmissionParser.multipart(
                List.of(part("document", "application/ofd", document)), null, null, "maybe")));
    }

    @Test
    void badOrMissingPartsAreAllNamed() {
        List<SubmissionParser.Part> unread = new ArrayList<>();
        unread.add(new SubmissionParser.Part("photo", "image/png", () -> {
            throw new AssertionError("an unknown part is not read");
        }));
        assertEquals(List.of("photo:unknown_field", "document:required"),
                errors(() -> SubmissionParser.multipart(unread, null, null)));
        assertEquals(List.of("contentType:required"), errors(() -> SubmissionParser.multipart(
                List.of(part("invoice", null, invoiceJson), part("document", null, document)), null, null)));
        assertEquals(List.of("invoice:malformed_json", "contentType:bad_format"), errors(() -> SubmissionParser.multipart(
                List.of(part("invoice", null, "{".getBytes()), part("document", "pdf", document)), null, null)));
    }

    @Test
    void nodeErrorsAreRenamedAsInTheRequest() {
        List<FieldError> node = List.of(new FieldError("number", "format", "m"), new FieldError("", "x", "m"),
                new FieldError("document", "empty", "m"), new FieldError("contentType", "required", "m"),
                new FieldError("enterpriseSignature.keyId", "format", "m"));
        ValidationException e = assertThrows(ValidationException.class, () -> SubmissionParser.named(() -> {
            throw new ValidationException(node);
        }));
        assertEquals(List.of("invoice.number", "invoice", "document", "contentType", "enterpriseSignature.keyId"),
                e.errors().stream().map(FieldError::field).toList());
        JsonNode passed = SubmissionParser.named(Json::object);
        assertTrue(passed.isObject());
    }
}
