package dev.fapiao.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/** Systematic single-field mutations of a JSON bundle, for the proof tests (unit and IT). */
public final class JsonMutations {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");

    private JsonMutations() {
    }

    /** Every non-null leaf of {@code n} by dotted path ("a.b.0.c"). */
    public static void collect(String prefix, JsonNode n, Map<String, JsonNode> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(prefix + "." + i, n.get(i), out);
            }
        } else if (!n.isNull()) {
            out.put(prefix, n);
        }
    }

    /** Replaces the leaf at a dotted path made by {@link #collect}. */
    public static void set(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /** One bit of the value: in the decoded bytes of hex and base64, else in the text or number. */
    public static JsonNode flip(JsonNode v) {
        if (v.isBoolean()) {
            return BooleanNode.valueOf(!v.asBoolean());
        }
        if (v.isNumber()) {
            return LongNode.valueOf(v.asLong() ^ 1);
        }
        String s = v.asText();
        if (s.isEmpty()) {
            return TextNode.valueOf("x");
        }
        if (HEX.matcher(s).matches() && s.length() % 2 == 0) {
            byte[] b = HexFormat.of().parseHex(s);
            b[b.length / 2] ^= 1;
            return TextNode.valueOf(HexFormat.of().formatHex(b));
        }
        if (B64.matcher(s).matches() && s.length() % 4 == 0) {
            byte[] b = Base64.getDecoder().decode(s);
            b[b.length / 2] ^= 1;
            return TextNode.valueOf(Base64.getEncoder().encodeToString(b));
        }
        if (s.startsWith("-----BEGIN")) {
            int i = s.indexOf('\n') + 80; // inside the base64 body, inside the key's point
            char d = s.charAt(i) == 'A' ? 'B' : 'A';
            return TextNode.valueOf(s.substring(0, i) + d + s.substring(i + 1));
        }
        char[] c = s.toCharArray();
        c[c.length - 1] ^= 1;
        return TextNode.valueOf(new String(c));
    }
}
