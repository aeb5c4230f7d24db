package dev.fapiao.node.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact shape of an evidence document (docs/retention-proof.md, "Parsing"): every member
 * present unless optional, null only where nullable, no other member; strings are JSON strings,
 * booleans JSON booleans, integers integer literals (no fraction, no exponent) within ±(2^53−1),
 * the I-JSON range the browser verifier shares (RFC 7493). A mismatch names the member path.
 */
public sealed interface JsonShape {
    /** The largest integer both verifiers read exactly (2^53 − 1). */
    BigInteger MAX = BigInteger.valueOf((1L << 53) - 1);

    JsonShape STRING = new Scalar("a string");
    JsonShape BOOLEAN = new Scalar("a boolean");
    JsonShape LONG = new Scalar("an integer");
    JsonShape INT = new Scalar("an integer (32-bit)");
    /** Any object, its members not checked here (a member another part of the node owns). */
    JsonShape ANY_OBJECT = new Scalar("an object");

    /** A scalar kind (or an unchecked object). */
    record Scalar(String kind) implements JsonShape {
    }

    /** An array whose elements all have {@code element}'s shape. */
    record ListOf(JsonShape element) implements JsonShape {
    }

    /** An object whose member names are free and whose values all have {@code value}'s shape. */
    record MapOf(JsonShape value) implements JsonShape {
    }

    /** An object with exactly these members. */
    record Obj(Map<String, Member> members) implements JsonShape {
    }

    /** One member: its shape, whether it may be null, whether it may be absent. */
    record Member(JsonShape shape, boolean nullable, boolean optional) {
    }

    static ListOf listOf(JsonShape element) {
        return new ListOf(element);
    }

    /** Builds an object shape; members are required and non-null unless declared otherwise. */
    static ObjBuilder object() {
        return new ObjBuilder();
    }

    /** Collects the members of an {@link Obj}. */
    final class ObjBuilder {
        private final Map<String, Member> members = new LinkedHashMap<>();

        public ObjBuilder required(String name, JsonShape shape) {
            members.put(name, new Member(shape, false, false));
            return this;
        }

        public ObjBuilder nullable(String name, JsonShape shape) {
            members.put(name, new Member(shape, true, false));
            return this;
        }

        public ObjBuilder optional(String name, JsonShape shape) {
            members.put(name, new Member(shape, false, true));
            return this;
        }

        public Obj build() {
            return new Obj(Map.copyOf(members));
        }
    }

    /** The dotted path of member {@code name} under {@code path}. */
    static String member(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Checks {@code node} against {@code shape}.
     *
     * @throws MalformedProofException "{what}: {path}: {problem}" on the first mismatch
     */
    static void check(JsonNode node, JsonShape shape, String what) {
        String problem = problem(node, shape, "");
        if (problem != null) {
            throw new MalformedProofException(what + ": " + problem);
        }
    }

    /** An array element or map value: never null. */
    private static String element(JsonNode v, JsonShape shape, String path) {
        return v.isNull() ? path + ": must not be null" : problem(v, shape, path);
    }

    private static String problem(JsonNode n, JsonShape shape, String path) {
        String at = path.isEmpty() ? "the document" : path;
        if (shape instanceof Obj obj) {
            if (!n.isObject()) {
                return at + ": must be an object";
            }
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!obj.members().containsKey(name)) {
                    return "unknown member " + member(path, name);
                }
            }
            // members in a stable order, so the first problem named is the same every time
            for (String name : new java.util.TreeSet<>(obj.members().keySet())) {
                Member m = obj.members().get(name);
                String p = member(path, name);
                JsonNode v = n.get(name);
                if (v == null) {
                    if (!m.optional()) {
                        return p + ": missing";
                    }
                } else if (v.isNull()) {
                    if (!m.nullable()) {
                        return p + ": must not be null";
                    }
                } else {
                    String inner = problem(v, m.shape(), p);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
            return null;
        }
        if (shape instanceof MapOf map) {
            if (!n.isObject()) {
                return at + ": must be an object";
            }
            String inner = null;
            for (var it = n.fields(); it.hasNext() && inner == null; ) {
                var e = it.next();
                inner = element(e.getValue(), map.value(), member(path, e.getKey()));
            }
            return inner;
        }
        if (shape instanceof ListOf list) {
            if (!n.isArray()) {
                return at + ": must be an array";
            }
            String inner = null;
            for (int i = 0; i < n.size() && inner == null; i++) {
                inner = element(n.get(i), list.element(), path + "[" + i + "]");
            }
            return inner;
        }
        boolean ok;
        if (shape == STRING) {
            ok = n.isTextual();
        } else if (shape == BOOLEAN) {
            ok = n.isBoolean();
        } else if (shape == ANY_OBJECT) {
            ok = n.isObject();
        } else {
            ok = n.isIntegralNumber() && n.bigIntegerValue().abs().compareTo(shape == INT
                    ? BigInteger.valueOf(Integer.MAX_VALUE) : MAX) <= 0;
        }
        return ok ? null : at + ": must be " + ((Scalar) shape).kind() + ", not " + n;
    }
}
