package dev.fapiao.node.invoice;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@link Invoice} from JSON (the shape of the canonical metadata, see
 * {@code docs/invoice-model.md}). Type errors are collected with their field paths and thrown
 * together as a {@link ValidationException}; the content rules are {@link InvoiceValidator}'s.
 */
public final class InvoiceJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // never go through double: 0.1 must stay 0.1
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // a duplicate key would let two readers see two different invoices
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Plain decimal notation for amounts sent as strings; no exponent, sign only '-'. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final int MAX_DECIMAL_STRING = 64;

    private static final Set<String> INVOICE_FIELDS = Set.of("schema", "number", "issueTime", "type", "seller",
            "buyer", "currency", "lines", "totalAmount", "totalTax", "totalWithTax", "remarks", "reverses");
    private static final Set<String> PARTY_FIELDS = Set.of("name", "creditCode");
    private static final Set<String> LINE_FIELDS = Set.of("name", "taxCode", "quantity", "unit", "unitPrice",
            "amount", "taxRate", "tax");

    private InvoiceJson() {
    }

    /**
     * Parses without content validation.
     *
     * @throws ValidationException for malformed JSON, wrong types, unknown fields
     */
    public static Invoice parse(byte[] json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    /** As {@link #parse(byte[])}. */
    public static Invoice parse(String json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Parses and validates; a single {@link ValidationException} lists the type or content errors. */
    public static Invoice parseValid(byte[] json, InvoiceValidator validator) {
        return validator.check(parse(json));
    }

    private static ValidationException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ValidationException(List.of(new FieldError("", "malformed_json",
                "malformed JSON" + where + ": " + e.getOriginalMessage())));
    }

    private static Invoice read(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new ValidationException(List.of(new FieldError("", "malformed_json", "empty document")));
        }
        Reader r = new Reader();
        Invoice invoice = r.invoice(root);
        if (!r.errors.isEmpty()) {
            throw new ValidationException(r.errors);
        }
        return invoice;
    }

    /** Walks the tree, recording type errors instead of stopping at the first. */
    private static final class Reader {
        final List<FieldError> errors = new ArrayList<>();

        Invoice invoice(JsonNode root) {
            if (!object(root, "", "an invoice object", INVOICE_FIELDS)) {
                return null;
            }
            String schema = string(root, "", "schema");
            if (schema != null && !schema.equals(CanonicalJson.SCHEMA)) {
                error("schema", "bad_value", "expected \"" + CanonicalJson.SCHEMA + "\" or no schema");
            }
            return new Invoice(
                    string(root, "", "number"),
                    instant(root, "issueTime"),
                    party(root, "seller"),
                    party(root, "buyer"),
                    lines(root),
                    decimal(root, "", "totalAmount"),
                    decimal(root, "", "totalTax"),
                    decimal(root, "", "totalWithTax"),
                    string(root, "", "currency"),
                    string(root, "", "remarks"),
                    type(root),
                    string(root, "", "reverses"));
        }

        Party party(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (absent(n) || !object(n, field, "an object with name and creditCode", PARTY_FIELDS)) {
                return null;
            }
            return new Party(string(n, field, "name"), string(n, field, "creditCode"));
        }

        List<InvoiceLine> lines(JsonNode root) {
            JsonNode n = root.get("lines");
            if (absent(n)) {
                return null;
            }
            if (!n.isArray()) {
                error("lines", "wrong_type", "expected an array of lines");
                return null;
            }
            List<InvoiceLine> lines = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode l = n.get(i);
                String path = "lines[" + i + "]";
                if (absent(l) || !object(l, path, "a line object", LINE_FIELDS)) {
                    lines.add(null);
                    continue;
                }
                lines.add(new InvoiceLine(string(l, path, "name"), string(l, path, "taxCode"),
                        decimal(l, path, "quantity"), string(l, path, "unit"), decimal(l, path, "unitPrice"),
                        decimal(l, path, "amount"), decimal(l, path, "taxRate"), decimal(l, path, "tax")));
            }
            return lines;
        }

        InvoiceType type(JsonNode root) {
            String s = string(root, "", "type");
            if (s == null) {
                return null;
            }
            try {
                return InvoiceType.valueOf(s);
            } catch (IllegalArgumentException e) {
                error("type", "bad_value", "expected one of NORMAL, SPECIAL_VAT, RED_LETTER");
                return null;
            }
        }

        Instant instant(JsonNode root, String field) {
            String s = string(root, "", field);
            if (s == null) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    // issuing systems often write China Standard Time with its offset
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    error(field, "bad_format", "expected an ISO-8601 instant such as 2026-11-23T08:00:00Z");
                    return null;
                }
            }
        }

        BigDecimal decimal(JsonNode parent, String base, String field) {
            JsonNode n = parent.get(field);
            if (absent(n)) {
                return null;
            }
            if (n.isNumber()) {
                return n.decimalValue();
            }
            String s = n.isTextual() ? n.textValue() : null;
            if (s != null && s.length() <= MAX_DECIMAL_STRING && DECIMAL.matcher(s).matches()) {
                return new BigDecimal(s);
            }
            error(path(base, field), "wrong_type", "expected a decimal string or number"
                    + (s != null ? " (plain notation such as \"-12.30\", at most " + MAX_DECIMAL_STRING + " characters)" : ""));
            return null;
        }

        String string(JsonNode parent, String base, String field) {
            JsonNode n = parent.get(field);
            if (absent(n)) {
                return null;
            }
            if (!n.isTextual()) {
                error(path(base, field), "wrong_type", "expected a string");
                return null;
            }
            return n.textValue();
        }

        boolean object(JsonNode n, String path, String what, Set<String> fields) {
            if (!n.isObject()) {
                error(path, "wrong_type", "expected " + what);
                return false;
            }
            // unknown fields would not be covered by metaHash, so refuse rather than drop them
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!fields.contains(name)) {
                    error(path(path, name), "unknown_field", "is not a known field");
                }
            }
            return true;
        }

        void error(String field, String code, String message) {
            errors.add(new FieldError(field, code, message));
        }

        static boolean absent(JsonNode n) {
            return n == null || n.isNull() || n.isMissingNode();
        }

        static String path(String base, String field) {
            return base.isEmpty() ? field : base + "." + field;
        }
    }
}
