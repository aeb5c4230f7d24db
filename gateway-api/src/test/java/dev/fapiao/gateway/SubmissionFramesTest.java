package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.service.Submission;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The binary submission form: frames read exactly, every malformed body named, the metadata read as JSON is. */
class SubmissionFramesTest {

    private final InvoiceGenerator gen = new InvoiceGenerator(11);
    private final Invoice invoice = gen.invoice(gen.creditCode(), Instant.parse("2026-11-20T02:00:00Z"));
    private final byte[] document = "<Invoice>\u0000\u00ff binary-safe</Invoice>".getBytes(StandardCharsets.ISO_8859_1);

    static Buffer frame(Buffer into, String metadata, byte[] document) {
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        return into.appendInt(meta.length).appendBytes(meta).appendInt(document.length).appendBytes(document);
    }

    private String meta() {
        return "{\"contentType\":\"application/xml\",\"invoice\":" + new String(CanonicalJson.of(invoice), StandardCharsets.UTF_8)
                + ",\"opaqueDocument\":true,\"enterpriseSignature\":{\"keyId\":\"ab\",\"signature\":\"cd\"}}";
    }

    private static List<String> errors(Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    @Test
    void framesCarryTheirDocumentsByteForByteAndTheirMetadata() {
        Buffer body = frame(frame(Buffer.buffer(), meta(), document), "{\"contentType\":\"application/pdf\"}", new byte[] {1, 2, 3});
        List<SubmissionFrames.Frame> frames = SubmissionFrames.read(body, 2);
        assertEquals(2, frames.size());
        Submission s = SubmissionParser.frame(frames.get(0), "");
        assertEquals(invoice.id(), s.invoice().id());
        assertArrayEquals(document, s.document());
        assertEquals("application/xml", s.contentType());
        assertEquals(new Submission.EnterpriseSignature("ab", "cd"), s.enterpriseSignature());
        assertTrue(s.opaqueDocument());
        Submission docOnly = SubmissionParser.frame(frames.get(1), "");
        assertNull(docOnly.invoice());
        assertArrayEquals(new byte[] {1, 2, 3}, docOnly.document());
    }

    @Test
    void aFrameIsTheSameSubmissionAsItsJsonForm() {
        Submission framed = SubmissionParser.frame(new SubmissionFrames.Frame(meta().getBytes(StandardCharsets.UTF_8), document), "");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parseBody(meta().getBytes(StandardCharsets.UTF_8));
        json.put("document", java.util.Base64.getEncoder().encodeToString(document));
        Submission viaJson = SubmissionParser.json(json);
        assertEquals(viaJson.invoice(), framed.invoice());
        assertArrayEquals(viaJson.document(), framed.document());
        assertEquals(viaJson.contentType(), framed.contentType());
        assertEquals(viaJson.enterpriseSignature(), framed.enterpriseSignature());
    }

    @Test
    void malformedBodiesAreNamed() {
        assertEquals(List.of("items:too_few"), errors(() -> SubmissionFrames.read(Buffer.buffer(), 1)));
        assertEquals(List.of("items:too_few"), errors(() -> SubmissionFrames.read(null, 1)));
        assertEquals(List.of(":malformed_frame"), errors(() -> SubmissionFrames.read(Buffer.buffer(new byte[] {0, 0}), 1)));
        assertEquals(List.of(":malformed_frame"), errors(() -> SubmissionFrames.read(Buffer.buffer().appendInt(-1), 1)));
        assertEquals(List.of(":malformed_frame"), errors(() -> SubmissionFrames.read(Buffer.buffer().appendInt(10).appendBytes(new byte[3]), 1)));
        Buffer cutDocument = frame(Buffer.buffer(), meta(), document);
        Buffer cut = cutDocument.getBuffer(0, cutDocument.length() - 1);
        assertEquals(List.of(":malformed_frame"), errors(() -> SubmissionFrames.read(cut, 1)));
        Buffer noDocLength = Buffer.buffer().appendInt(2).appendString("{}");
        assertEquals(List.of(":malformed_frame"), errors(() -> SubmissionFrames.read(noDocLength, 1)));
        Buffer two = frame(frame(Buffer.buffer(), meta(), document), meta(), document);
        assertEquals(List.of("items:too_many"), errors(() -> SubmissionFrames.read(two, 1)));
    }

    @Test
    void badMetadataIsNamedLikeJsonFields() {
        assertEquals(List.of("items[2].:malformed_json"), errors(() -> frameOf("{\"contentType\":", "items[2].")));
        assertEquals(List.of("items[2].:malformed_json"), errors(() -> frameOf("{} {}", "items[2].")));
        assertEquals(List.of(":wrong_type"), errors(() -> frameOf("[1]", "")));
        assertEquals(List.of(":malformed_json"), errors(() -> frameOf("{\"contentType\":\"a/b\",\"contentType\":\"a/c\"}", "")));
        assertEquals(List.of("document:unknown_field"), errors(() -> frameOf("{\"contentType\":\"a/b\",\"document\":\"AA==\"}", "")));
        assertEquals(List.of("contentType:required"), errors(() -> frameOf("{}", "")));
        assertEquals(List.of("invoice:wrong_type"), errors(() -> frameOf("{\"contentType\":\"a/b\",\"invoice\":[1]}", "")));
        assertEquals(List.of("document:required"), errors(() -> SubmissionParser.frame(
                new SubmissionFrames.Frame("{\"contentType\":\"a/b\"}".getBytes(StandardCharsets.UTF_8), new byte[0]), "")));
        String badInvoice = "{\"contentType\":\"a/b\",\"invoice\":{\"issueTime\":\"yesterday\"}}";
        List<String> errs = errors(() -> frameOf(badInvoice, "items[1]."));
        assertTrue(errs.stream().allMatch(e -> e.startsWith("items[1].invoice")), errs.toString());
    }

    private Submission frameOf(String metadata, String prefix) {
        return SubmissionParser.frame(new SubmissionFrames.Frame(metadata.getBytes(StandardCharsets.UTF_8), document), prefix);
    }
}
