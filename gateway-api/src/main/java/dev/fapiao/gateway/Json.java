package dev.fapiao.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.invoice.FieldError;
import dev.fapiao.node.invoice.ValidationException;
import java.io.IOException;
import java.util.List;

/** JSON reading (strict: duplicate keys refused, decimals exact) and writing. */
final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a request body; malformed JSON is a 400 naming the problem. */
    public static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.validation(List.of(new FieldError("", "malformed_json", "the request body is empty")));
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (e.getLocation() != null) {
                msg += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            }
            throw ApiException.validation(List.of(new FieldError("", "malformed_json", msg)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses ledger output (trusted). */
    public static JsonNode parseLedger(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable ledger answer: " + e.getMessage(), e);
        }
    }

    static ValidationException fieldError(String field, String code, String message) {
        return new ValidationException(List.of(new FieldError(field, code, message)));
    }
}
