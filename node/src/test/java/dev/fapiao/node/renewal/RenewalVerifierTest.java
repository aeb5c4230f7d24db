package dev.fapiao.node.renewal;

import static dev.fapiao.node.proof.JsonMutations.collect;
import static dev.fapiao.node.proof.JsonMutations.flip;
import static dev.fapiao.node.proof.JsonMutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.evidence.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline checks of a renewal chain (without the Fabric block checks, which RenewalIT covers):
 * a genuine chain passes, and every single-field mutation fails its named check.
 */
class RenewalVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final RenewalVerifier VERIFIER = new RenewalVerifier(new TrustAnchors("invoices", List.of(), List.of(),
            Map.of()));

    @TempDir
    Path dir;
    RenewalFixture f;

    /** Renewal 1 (SHA-256) over 6 invoices, then renewal 2 (SHA3-256) over 8; invoice 4 is disposed before 2. */
    @BeforeEach
    void renew() {
        f = new RenewalFixture(dir);
        f.put(0, 8);
        f.checkpoint(6);
        f.renewer().renew(RenewalAlgorithm.SHA_256);
        f.checkpoint(8);
        f.archive.invoices().dispose(RenewalFixture.id(4), "test", "retention over");
        f.renewer().renew(RenewalAlgorithm.SHA3_256);
    }

    @AfterEach
    void close() {
        f.close();
    }

    List<CheckResult> verify(long n, RenewalChain chain, byte[] document, byte[] metadata) {
        return VERIFIER.verify(f.subject(n), chain, document, metadata, false);
    }

    static List<String> failed(List<CheckResult> checks) {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }

    static byte[] metadata(long n) {
        return RenewalFixture.metadata(n).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void genuineChainsPass() {
        // invoice 3: in both renewals (renewal 2 binds renewal 1's leaf)
        RenewalChain c3 = f.chain(3);
        assertEquals(2, c3.steps().size());
        assertEquals(RenewedLeaf.RENEWAL, c3.steps().get(1).leaf().previousKind());
        List<CheckResult> r = verify(3, c3, RenewalFixture.document(3), metadata(3));
        assertEquals(List.of(), failed(r), r.toString());
        assertEquals(List.of("renewals",
                "renewal-1.leaf", "renewal-1.inclusion", "renewal-1.previous", "renewal-1.log", "renewal-1.signature",
                "renewal-1.document-hash", "renewal-1.metadata-hash",
                "renewal-2.leaf", "renewal-2.inclusion", "renewal-2.previous", "renewal-2.log", "renewal-2.signature",
                "renewal-2.document-hash", "renewal-2.metadata-hash"), r.stream().map(CheckResult::name).toList());
        assertEquals(List.of(), failed(verify(3, c3, null, null)));
        // invoice 7: only in renewal 2, which binds its SM3 log leaf
        RenewalChain c7 = f.chain(7);
        assertEquals(1, c7.steps().size());
        assertEquals(2, c7.steps().get(0).sequence());
        assertEquals(RenewedLeaf.LOG, c7.steps().get(0).leaf().previousKind());
        assertEquals(List.of(), failed(verify(7, c7, RenewalFixture.document(7), metadata(7))));
        // JSON round trip
        assertEquals(c3, RenewalChain.parse(c3.toJson()));
        assertEquals(List.of(), failed(verify(3, RenewalChain.parse(c3.toJson()), null, null)));
        // no renewal yet: one passing chain check
        List<CheckResult> none = verify(3, RenewalChain.none(RenewalFixture.id(3)), null, null);
        assertEquals(1, none.size());
        assertTrue(none.get(0).passed());
        assertEquals(List.of(), VERIFIER.verify(f.subject(3), null, null, null));
    }

    @Test
    void documentsAndTheDisposedMarker() {
        RenewalChain c3 = f.chain(3);
        assertEquals(List.of("renewal-1.document-hash", "renewal-2.document-hash"),
                failed(verify(3, c3, RenewalFixture.document(2), null)));
        assertEquals(List.of("renewal-1.metadata-hash", "renewal-2.metadata-hash"),
                failed(verify(3, c3, null, metadata(2))));
        // invoice 4 was disposed between the renewals: renewal 1 has its document, renewal 2 the marker
        RenewalChain c4 = f.chain(4);
        assertFalse(c4.steps().get(0).leaf().disposed());
        assertTrue(c4.steps().get(1).leaf().disposed());
        assertEquals(List.of(), failed(verify(4, c4, null, metadata(4))));
        List<CheckResult> withDoc = verify(4, c4, RenewalFixture.document(4), null);
        assertEquals(List.of("renewal-2.document-hash"), failed(withDoc), withDoc.toString());
    }

    @Test
    void brokenChainsFail() {
        RenewalChain c3 = f.chain(3);
        // renewal 1 left out: renewal 2's leaf extends a renewal the chain does not include
        RenewalChain truncated = new RenewalChain(1, c3.invoiceId(), List.of(c3.steps().get(1)));
        assertEquals(List.of("renewal-2.leaf"), failed(verify(3, truncated, null, null)));
        // renewals out of order
        RenewalChain reversed = new RenewalChain(1, c3.invoiceId(), List.of(c3.steps().get(1), c3.steps().get(0)));
        assertTrue(failed(verify(3, reversed, null, null)).contains("renewals"));
        // another invoice's chain
        List<String> other = failed(verify(3, f.chain(2), null, null));
        assertTrue(other.containsAll(List.of("renewals", "renewal-1.leaf", "renewal-2.leaf")), other.toString());
        // another invoice's step under this invoice's id
        RenewalChain swapped = new RenewalChain(1, c3.invoiceId(), List.of(f.chain(2).steps().get(0),
                c3.steps().get(1)));
        assertTrue(failed(verify(3, swapped, null, null)).contains("renewal-1.leaf"));
        // another node
        List<String> node = failed(VERIFIER.verify(new RenewalVerifier.Subject("node-x", c3.invoiceId(),
                f.subject(3).leafIndex(), f.subject(3).logLeafHash(), f.subject(3).retainUntil()), c3, null, null,
                false));
        assertEquals(List.of("renewals"), node);
        // malformed JSON is refused outright
        assertThrows(MalformedProofException.class, () -> RenewalChain.parse("{\"version\": 1}"));
        ObjectNode v2 = (ObjectNode) JSON.valueToTree(c3);
        v2.put("version", 2);
        assertThrows(MalformedProofException.class, () -> RenewalChain.parse(v2.toString()));
        ObjectNode extra = (ObjectNode) JSON.valueToTree(c3);
        extra.put("extra", 1);
        assertThrows(MalformedProofException.class, () -> RenewalChain.parse(extra.toString()));
    }

    @Test
    void truncatedAndReorderedPathsFail() {
        RenewalChain c6 = f.chain(6); // leaf 7 of 9 in renewal 2, log leaf 6 of 8: paths of 4, 4 and 3
        for (String field : List.of("path", "linkPath", "logPath")) {
            String check = Map.of("path", "inclusion", "linkPath", "previous", "logPath", "log").get(field);
            ObjectNode t = (ObjectNode) JSON.valueToTree(c6);
            ArrayNode p = (ArrayNode) t.at("/steps/0/" + field);
            assertTrue(p.size() >= 2, field + " " + p);
            ObjectNode trunc = t.deepCopy();
            ((ArrayNode) trunc.at("/steps/0/" + field)).remove(p.size() - 1);
            assertEquals(List.of("renewal-2." + check), failed(verify(6, RenewalChain.parse(trunc.toString()),
                    null, null)), field + " truncated");
            ObjectNode reorder = t.deepCopy();
            ArrayNode q = (ArrayNode) reorder.at("/steps/0/" + field);
            JsonNode first = q.get(0);
            q.set(0, q.get(1));
            q.set(1, first);
            assertEquals(List.of("renewal-2." + check), failed(verify(6, RenewalChain.parse(reorder.toString()),
                    null, null)), field + " reordered");
        }
    }

    /** The check a changed field of a step must fail (among possibly others). */
    static String expectedCheck(String field) {
        if (field.startsWith("path.")) {
            return "inclusion";
        }
        if (field.startsWith("linkPath.")) {
            return "previous";
        }
        if (field.startsWith("logPath.")) {
            return "log";
        }
        if (field.startsWith("previous.")) {
            return "previous";
        }
        if (field.startsWith("signer.")) {
            return "signature";
        }
        return switch (field) {
            case "nodeId" -> null; // the chain check
            case "sequence" -> "signature";
            case "algorithm", "leaf.invoiceId", "leaf.leafIndex", "leaf.retainUntil", "leaf.previousKind",
                    "leaf.previousLeafHash" -> "leaf";
            case "treeSize", "rootHash", "leaf.documentHash", "leaf.metadataHash" -> "inclusion";
            case "logTreeSize", "logRootHash" -> "previous";
            default -> throw new AssertionError("no expectation for " + field);
        };
    }

    @Test
    void everySingleFieldMutationFailsItsNamedCheck() {
        int mutated = 0;
        for (long n : new long[] {3, 7}) {
            RenewalChain chain = f.chain(n);
            ObjectNode tree = JSON.valueToTree(chain);
            Map<String, JsonNode> leaves = new LinkedHashMap<>();
            collect("", tree, leaves);
            Set<String> seen = new java.util.HashSet<>();
            for (var e : leaves.entrySet()) {
                String path = e.getKey();
                if (path.equals("version")) {
                    continue; // refused outright (brokenChainsFail)
                }
                ObjectNode m = tree.deepCopy();
                set(m, path, flip(e.getValue()));
                List<String> failed = failed(verify(n, RenewalChain.parse(m.toString()), RenewalFixture.document(n),
                        metadata(n)));
                assertFalse(failed.isEmpty(), "mutation of " + path + " passed");
                String expected;
                if (path.equals("invoiceId")) {
                    expected = "renewals";
                } else {
                    String[] parts = path.split("\\.", 3);
                    int k = Integer.parseInt(parts[1]);
                    String check = expectedCheck(parts[2]);
                    // the check is named after the (possibly mutated) sequence
                    expected = check == null ? "renewals" : "renewal-" + m.at("/steps/" + k + "/sequence").asLong()
                            + "." + check;
                    seen.add(parts[2].replaceAll("\\.\\d+$", ""));
                }
                assertTrue(failed.contains(expected), "mutation of " + path + " must fail " + expected + ", failed "
                        + failed);
                mutated++;
            }
            assertTrue(seen.containsAll(List.of("nodeId", "sequence", "algorithm", "treeSize", "rootHash",
                    "logTreeSize", "logRootHash", "leaf.invoiceId", "leaf.leafIndex", "leaf.documentHash",
                    "leaf.metadataHash", "leaf.retainUntil", "leaf.previousKind", "leaf.previousLeafHash", "path",
                    "linkPath", "signer.keyId", "signer.publicKey", "signer.signature")), seen.toString());
            assertTrue(n != 3 || seen.containsAll(List.of("previous.algorithm", "previous.treeSize",
                    "previous.rootHash")), seen.toString());
            assertTrue(n != 7 || seen.contains("logPath"), seen.toString());
        }
        assertTrue(mutated >= 60, "mutated " + mutated);
    }

    @Test
    void aStepResignedByTheNodeStillFailsItsOwnCheck() {
        // a node that rewrites a renewed leaf and re-signs cannot make the tree agree
        RenewalChain c7 = f.chain(7);
        RenewalStep s = c7.steps().get(0);
        RenewedLeaf forged = new RenewedLeaf(s.leaf().invoiceId(), s.leaf().leafIndex(),
                RenewalFixture.HEX.formatHex(RenewalAlgorithm.SHA3_256.digest("forged".getBytes(StandardCharsets.UTF_8))),
                s.leaf().metadataHash(), s.leaf().retainUntil(), s.leaf().previousKind(), s.leaf().previousLeafHash());
        String sig = f.sealer.signProofBundle(RenewalEncoding.encode(s.link(), s.treeSize(), s.rootHash()));
        RenewalStep changed = new RenewalStep(s.nodeId(), s.sequence(), s.algorithm(), s.treeSize(), s.rootHash(),
                s.logTreeSize(), s.logRootHash(), s.previous(), forged, s.path(), s.linkPath(), s.logPath(),
                f.signer(sig), null);
        List<String> failed = failed(verify(7, new RenewalChain(1, c7.invoiceId(), List.of(changed)),
                "forged".getBytes(StandardCharsets.UTF_8), null));
        assertEquals(List.of("renewal-2.inclusion"), failed);
        List<String> withLedger = failed(VERIFIER.verify(f.subject(7), new RenewalChain(1, c7.invoiceId(),
                new ArrayList<>(List.of(changed))), null, null));
        assertTrue(withLedger.contains("renewal-2-block.decode"), "no block evidence: " + withLedger);
    }
}
