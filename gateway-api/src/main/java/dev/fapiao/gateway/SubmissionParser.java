package dev.fapiao.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceJson;
import dev.fapiao.node.invoice.ValidationException;
import dev.fapiao.node.service.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Submissions as they arrive: JSON {@code {invoice?, document (base64), contentType,
 * enterpriseSignature?, opaqueDocument?}} or multipart parts {@code invoice?} and {@code document} (form
 * attribute {@code opaqueDocument=true}) or a binary frame ({@link SubmissionFrames}). Without {@code invoice} it is a document-only submission: the
 * node reads the fields from the document. Every problem is named by its field as the request spells it
 * ("invoice.number", "items[2]" prefixes for batches).
 */
final class SubmissionParser {

    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;.*)?");
    private static final Set<String> SUBMISSION_FIELDS = Set.of("invoice", "document", "contentType", "enterpriseSignature",
            "opaqueDocument");

    /** Reads one member's value inside frame metadata (the object's end is checked by {@link #frame}). */
    private static final ObjectReader MEMBER = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One uploaded part; its content is read only when the part is used. */
    record Part(String name, String contentType, Content content) {}

    /** An upload's bytes (a file the body handler wrote). */
    interface Content {
        byte[] read() throws IOException;
    }

    private SubmissionParser() {
    }

    /** @throws ValidationException every bad field */
    static Submission json(JsonNode root) {
        return json(root, "");
    }

    static Submission json(JsonNode root, String prefix) {
        if (root == null || !root.isObject()) {
            throw new ValidationException(List.of(new FieldError(prefix, "wrong_type", "expected a JSON object")));
        }
        return fields(root, prefix, null, null);
    }

    /**
     * A binary frame's submission: its metadata is the JSON submission without {@code document}; the
     * invoice object is handed to {@link InvoiceJson#parse} as the bytes it was sent as (no tree
     * written back to JSON), the document is the frame's own array (no base64).
     *
     * @throws ValidationException every bad field
     */
    static Submission frame(SubmissionFrames.Frame frame, String prefix) {
        ObjectNode rest = Json.object();
        byte[] invoiceJson = null;
        byte[] meta = frame.metadata();
        try (JsonParser p = Json.MAPPER.createParser(meta)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ValidationException(List.of(new FieldError(prefix, "wrong_type", "frame metadata: expected a JSON object")));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("invoice") && t == JsonToken.START_OBJECT) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getByteOffset();
                    invoiceJson = Arrays.copyOfRange(meta, start, end);
                } else {
                    rest.set(name, MEMBER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw new ValidationException(List.of(new FieldError(prefix, "malformed_json", "frame metadata: trailing tokens")));
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException(List.of(new FieldError(prefix, "malformed_json", "frame metadata: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fields(rest, prefix, frame.document(), invoiceJson);
    }

    /** The submission's fields; {@code binary} is a frame's document (then "document" is not a field). */
    private static Submission fields(JsonNode root, String prefix, byte[] binary, byte[] invoiceJson) {
        List<FieldError> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!SUBMISSION_FIELDS.contains(f) || (binary != null && f.equals("document"))) {
                errors.add(new FieldError(prefix + f, "unknown_field", binary != null && f.equals("document")
                        ? "a frame carries its document after the metadata, not in it" : "not a field of a submission"));
            }
        });
        byte[] document = binary;
        JsonNode doc = root.get("document");
        if (binary != null) {
            if (binary.length == 0) {
                errors.add(new FieldError(prefix + "document", "required", "the frame's document is empty"));
            }
        } else if (doc == null || doc.isNull() || (doc.isTextual() && doc.asText().isEmpty())) {
            errors.add(new FieldError(prefix + "document", "required", "the original document, base64"));
        } else if (!doc.isTextual()) {
            errors.add(new FieldError(prefix + "document", "wrong_type", "expected a base64 string"));
        } else {
            try {
                document = Base64.getDecoder().decode(doc.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "document", "bad_base64", "not standard base64: " + e.getMessage()));
            }
        }
        String contentType = contentType(root.get("contentType"), prefix + "contentType", errors);
        Submission.EnterpriseSignature sig = null;
        JsonNode es = root.get("enterpriseSignature");
        if (es != null && !es.isNull()) {
            if (!es.isObject() || !es.path("keyId").isTextual() || !es.path("signature").isTextual()) {
                errors.add(new FieldError(prefix + "enterpriseSignature", "wrong_type", "expected {keyId, signature} strings"));
            } else {
                sig = new Submission.EnterpriseSignature(es.get("keyId").asText(), es.get("signature").asText());
            }
        }
        boolean opaque = false;
        JsonNode op = root.get("opaqueDocument");
        if (op != null && !op.isNull()) {
            if (!op.isBoolean()) {
                errors.add(new FieldError(prefix + "opaqueDocument", "wrong_type", "expected true or false"));
            } else {
                opaque = op.asBoolean();
            }
        }
        Invoice invoice = null;
        JsonNode inv = root.get("invoice");
        if (invoiceJson != null) {
            invoice = invoice(invoiceJson, prefix, errors);
        } else if (inv == null || inv.isNull()) {
            invoice = null; // document-only: the node reads the fields from the document
        } else if (!inv.isObject()) {
            errors.add(new FieldError(prefix + "invoice", "wrong_type", "expected a JSON object"));
        } else {
            invoice = invoice(Json.bytes(inv), prefix, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Submission(invoice, document, contentType, sig, opaque);
    }

    /**
     * A multipart submission: the parts, and the form attributes {@code invoice} (when not a file
     * part) and {@code contentType} (else the document part's own).
     *
     * @throws ValidationException every bad or missing part
     */
    static Submission multipart(List<Part> parts, String invoiceAttribute, String contentTypeAttribute) throws IOException {
        return multipart(parts, invoiceAttribute, contentTypeAttribute, null);
    }

    /** As above, with the form attribute {@code opaqueDocument} ({@code true} / {@code false}; null: false). */
    static Submission multipart(List<Part> parts, String invoiceAttribute, String contentTypeAttribute,
                                String opaqueAttribute) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        byte[] invoiceJson = null;
        Part document = null;
        for (Part p : parts) {
            if (p.name().equals("invoice")) {
                invoiceJson = p.content().read();
            } else if (p.name().equals("document")) {
                document = p;
            } else {
                errors.add(new FieldError(p.name(), "unknown_field", "parts are 'invoice' and 'document'"));
            }
        }
        if (invoiceJson == null && invoiceAttribute != null) {
            invoiceJson = invoiceAttribute.getBytes(StandardCharsets.UTF_8);
        }
        Invoice invoice = null;
        if (invoiceJson != null) { // without one: document-only
            invoice = invoice(invoiceJson, "", errors);
        }
        boolean opaque = false;
        if (opaqueAttribute != null && !opaqueAttribute.isBlank()) {
            if (!opaqueAttribute.strip().equals("true") && !opaqueAttribute.strip().equals("false")) {
                errors.add(new FieldError("opaqueDocument", "bad_value", "true or false"));
            }
            opaque = opaqueAttribute.strip().equals("true");
        }
        byte[] bytes = null;
        String contentType = null;
        if (document == null) {
            errors.add(new FieldError("document", "required", "a file part 'document' with the original"));
        } else {
            bytes = document.content().read();
            String ct = contentTypeAttribute != null ? contentTypeAttribute
                    : document.contentType() == null ? "" : document.contentType();
            contentType = contentType(TextNode.valueOf(ct), "contentType", errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Submission(invoice, bytes, contentType, null, opaque);
    }

    private static Invoice invoice(byte[] json, String prefix, List<FieldError> errors) {
        try {
            return InvoiceJson.parse(json);
        } catch (ValidationException e) {
            e.errors().forEach(f -> errors.add(invoiceField(f, prefix)));
            return null;
        }
    }

    private static String contentType(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            errors.add(new FieldError(field, "required", "the document's media type, e.g. application/xml"));
            return null;
        }
        if (!node.isTextual() || !MEDIA_TYPE.matcher(node.asText().strip()).matches()) {
            errors.add(new FieldError(field, "bad_format", "a media type such as application/pdf"));
            return null;
        }
        return node.asText().strip();
    }

    /** An invoice's own field error, named as in the request: "invoice" or "invoice.lines[0].amount". */
    static FieldError invoiceField(FieldError f, String prefix) {
        return new FieldError(prefix + (f.field().isEmpty() ? "invoice" : "invoice." + f.field()), f.code(), f.message());
    }

    /**
     * Runs a node call; its field errors name invoice fields relative to the invoice, so they go
     * under "invoice." as in the request, the submission's own fields stay as they are.
     */
    static <T> T named(Supplier<T> call) {
        try {
            return call.get();
        } catch (ValidationException e) {
            List<FieldError> out = new ArrayList<>();
            for (FieldError f : e.errors()) {
                boolean own = f.field().equals("document") || f.field().equals("contentType")
                        || f.field().startsWith("enterpriseSignature") || f.field().equals("opaqueDocument");
                out.add(own ? f : invoiceField(f, ""));
            }
            throw new ValidationException(out);
        }
    }
}
