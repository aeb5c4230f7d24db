package dev.fapiao.chaincode.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fapiao.chaincode.rules.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic JSON: keys sorted, no whitespace, nulls written as JSON null. Reading arguments is
 * strict (unknown fields, trailing tokens and type mismatches are INVALID_ARGUMENT naming the field).
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String text(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** Parses an argument; {@code argument} names it in errors. */
    public static <T> T argument(String argument, String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw Fields.invalid(argument, "is required (JSON)");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw Fields.invalid(argument, "must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw Fields.invalid(field(argument, e), "unknown field");
        } catch (JsonMappingException e) {
            throw Fields.invalid(field(argument, e), "wrong JSON type or value (" + summary(e) + ")");
        } catch (JsonProcessingException e) {
            throw Fields.invalid(argument, "malformed JSON (" + summary(e) + ")");
        }
    }

    /** Parses an argument that must be a JSON array, as a tree. */
    public static JsonNode argumentTree(String argument, String json) {
        if (json == null || json.isBlank()) {
            throw Fields.invalid(argument, "is required (JSON)");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw Fields.invalid(argument, "malformed JSON (" + summary(e) + ")");
        }
    }

    /** Converts one element of an argument tree; {@code field} names it in errors. */
    public static <T> T convert(String field, JsonNode node, Class<T> type) {
        if (node == null || node.isNull() || !node.isObject()) {
            throw Fields.invalid(field, "must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw Fields.invalid(field(field, e), "unknown field");
        } catch (JsonMappingException e) {
            throw Fields.invalid(field(field, e), "wrong JSON type or value (" + summary(e) + ")");
        } catch (JsonProcessingException e) {
            throw Fields.invalid(field, "malformed JSON (" + summary(e) + ")");
        }
    }

    /** Reads a stored state value (written by this chaincode). */
    public static <T> T state(byte[] value, Class<T> type) {
        try {
            return MAPPER.readValue(value, type);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A stored value as a JSON tree (for history entries). */
    public static JsonNode tree(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
        }
    }

    private static String field(String argument, JsonMappingException e) {
        StringBuilder path = new StringBuilder(argument);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String summary(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unreadable";
        }
        int cut = m.indexOf('\n');
        return Fields.shorten(cut < 0 ? m : m.substring(0, cut));
    }
}
