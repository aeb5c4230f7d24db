package dev.fapiao.node.renewal;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal chains shared with the console's in-browser verifier: genuine chains of
 * {@link RenewalFixture} (a SHA-256 and a SHA3-256 renewal, a disposed invoice) and every
 * single-field change of them, each with the Java verdict of the offline renewal checks (no Fabric
 * blocks: the fixture has none). The chains are recorded once into the committed
 * {@code src/test/resources/proof/shared-renewal-cases.json} ({@code -Dfapiao.writeSharedCases=true},
 * the fixture's keys are random); this test re-verifies the committed chains and fails when a
 * verdict differs.
 */
class SharedRenewalCasesTest {
    static final Path COMMITTED = Path.of("src/test/resources/proof/shared-renewal-cases.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final RenewalVerifier VERIFIER = new RenewalVerifier(new TrustAnchors("invoices", List.of(), List.of(),
            Map.of()));

    @TempDir
    Path dir;

    @Test
    void javaVerdictsOfTheCommittedRenewalCases() throws Exception {
        if (Boolean.getBoolean("fapiao.writeSharedCases")) {
            Files.writeString(COMMITTED, JSON.writeValueAsString(record()) + "\n");
        }
        JsonNode file = JSON.readTree(Files.readString(COMMITTED));
        int n = 0;
        for (JsonNode c : file.get("cases")) {
            assertEquals(c.get("verdict"), verdict(file.get("chains").get(c.get("chain").asInt()), c),
                    c.get("name").asText());
            n++;
        }
        assertTrue(n >= 60, "cases: " + n);
    }

    /**
     * The Java verdict of a case (a recorded chain, optionally one leaf flipped by one bit, with its
     * document, another invoice's or none): the failing check names in order, or malformed.
     */
    static JsonNode verdict(JsonNode recorded, JsonNode c) {
        ObjectNode v = JSON.createObjectNode();
        try {
            ObjectNode tree = recorded.get("chain").deepCopy();
            if (c.hasNonNull("flip")) {
                set(tree, c.get("flip").asText(), flip(tree.at("/" + c.get("flip").asText().replace('.', '/'))));
            }
            RenewalChain chain = RenewalChain.parse(tree.toString());
            JsonNode s = recorded.get("subject");
            RenewalVerifier.Subject subject = new RenewalVerifier.Subject(s.get("nodeId").asText(),
                    s.get("invoiceId").asText(), s.get("leafIndex").asLong(), s.get("logLeafHash").asText(),
                    s.get("retainUntil").asText());
            String document = c.get("document").asText();
            List<CheckResult> checks = VERIFIER.verify(subject, chain,
                    document.equals("none") ? null : bytes(recorded.get(document)), bytes(recorded.get("metadata")),
                    false);
            v.put("valid", checks.stream().allMatch(CheckResult::passed));
            ArrayNode failed = v.putArray("failed");
            checks.stream().filter(r -> !r.passed()).forEach(r -> failed.add(r.name()));
        } catch (MalformedProofException e) {
            v.put("malformed", true);
        }
        return v;
    }

    private static byte[] bytes(JsonNode b64) {
        return Base64.getDecoder().decode(b64.asText());
    }

    /** The chains of {@link RenewalFixture#withTwoRenewals} for invoices 3, 4 (disposed) and 7. */
    private ObjectNode record() throws Exception {
        ArrayNode chains = JSON.createArrayNode();
        ArrayNode cases = JSON.createArrayNode();
        try (RenewalFixture f = new RenewalFixture(dir).withTwoRenewals()) {
            for (long n : new long[] {3, 4, 7}) {
                ObjectNode recorded = chains.addObject().put("invoice", n);
                recorded.set("subject", JSON.valueToTree(f.subject(n)));
                recorded.put("document", Base64.getEncoder().encodeToString(RenewalFixture.document(n)));
                recorded.put("otherDocument", Base64.getEncoder().encodeToString(RenewalFixture.document(n + 1)));
                recorded.put("metadata", Base64.getEncoder().encodeToString(RenewalFixture.metadata(n)
                        .getBytes(StandardCharsets.UTF_8)));
                ObjectNode chain = JSON.valueToTree(f.chain(n));
                recorded.set("chain", chain);
                int idx = chains.size() - 1;
                cases.add(newCase("invoice " + n + ": genuine, with document and metadata", idx, "document", null));
                cases.add(newCase("invoice " + n + ": genuine, without document", idx, "none", null));
                cases.add(newCase("invoice " + n + ": another invoice's document", idx, "otherDocument", null));
                Map<String, JsonNode> leaves = new LinkedHashMap<>();
                collect("", chain, leaves);
                for (String path : leaves.keySet()) {
                    if (!path.contains(".anchoring")) { // the fixture's steps carry no block evidence
                        cases.add(newCase("invoice " + n + ": one bit of " + path, idx, "document", path));
                    }
                }
            }
        }
        for (JsonNode c : cases) {
            ((ObjectNode) c).set("verdict", verdict(chains.get(c.get("chain").asInt()), c));
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("about", "Renewal chains of RenewalFixture and one-bit changes of them (JsonMutations.flip), with "
                + "the verdicts of RenewalVerifier (offline checks, no Fabric blocks); written by "
                + "SharedRenewalCasesTest, checked by the console");
        file.set("chains", chains);
        file.set("cases", cases);
        return file;
    }

    private static ObjectNode newCase(String name, int chain, String document, String flip) {
        return JSON.createObjectNode().put("name", name).put("chain", chain).put("document", document).put("flip", flip);
    }
}
