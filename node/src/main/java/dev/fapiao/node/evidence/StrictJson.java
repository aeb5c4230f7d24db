package dev.fapiao.node.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one strict reader of evidence JSON (bundles, renewal chains, trust files;
 * docs/retention-proof.md, "Parsing"): RFC 8259 text, exactly one value, no duplicate member (named
 * by its path), numbers kept as written so that {@code 2.0} or {@code 3.103e3} stay non-integers
 * for {@link JsonShape}. Streaming, so that no value is converted before it is checked.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private StrictJson() {
    }

    /**
     * The tree of {@code text}.
     *
     * @throws MalformedProofException starting with {@code what} when the text is not one strict JSON value
     */
    public static JsonNode parse(String text, String what) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedProofException(what + ": empty");
            }
            JsonNode root = value(p, first, "", what);
            if (p.nextToken() != null) {
                throw new MalformedProofException(what + ": text after the JSON value");
            }
            return root;
        } catch (StreamReadException e) {
            throw new MalformedProofException(what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedProofException(what + ": " + e.getMessage());
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t, String path, String what) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    String member = JsonShape.member(path, name);
                    if (o.has(name)) {
                        throw new MalformedProofException(what + ": duplicate member " + member);
                    }
                    o.set(name, value(p, p.nextToken(), member, what));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e, path + "[" + a.size() + "]", what));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new MalformedProofException(what + ": unexpected " + t + " at " + path);
        };
    }
}
