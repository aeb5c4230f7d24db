package dev.fapiao.chaincode.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.chaincode.crypto.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chaincode's consistency verifier against (1) all consistency vectors of
 * shared/testdata/rfc6962 with SHA-256, (2) SM3 proofs produced by the node's MerkleLog
 * (vectors/consistency-sm3.json, written by the node's Sm3ConsistencyVectorsTest), and (3) an
 * independent literal RFC implementation for every size pair up to 40, with mutations.
 */
class ConsistencyVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path sharedVectors() {
        String root = System.getProperty("fapiao.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            Path v = q.resolve("shared/testdata/rfc6962/consistency");
            if (Files.isDirectory(v)) {
                return v;
            }
            Path w = q.resolve("../shared/testdata/rfc6962/consistency").normalize();
            if (Files.isDirectory(w)) {
                return w;
            }
        }
        throw new AssertionError("shared/testdata/rfc6962/consistency not found from " + p);
    }

    static byte[] b64(JsonNode n) {
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }

    static List<byte[]> proof(JsonNode n) {
        List<byte[]> out = new ArrayList<>();
        if (n != null && !n.isNull()) {
            n.forEach(e -> out.add(b64(e)));
        }
        return out;
    }

    @Test
    void rfc6962VectorsSha256() throws IOException {
        ConsistencyVerifier v = ConsistencyVerifier.sha256();
        List<Path> files;
        try (Stream<Path> s = Files.walk(sharedVectors())) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(98, files.size());
        int accepted = 0;
        for (Path f : files) {
            JsonNode t = JSON.readTree(f.toFile());
            boolean wantErr = t.path("wantErr").asBoolean();
            byte[] root1 = b64(t.get("root1"));
            byte[] root2 = b64(t.get("root2"));
            String error = null;
            try {
                v.verify(t.path("size1").asLong(), t.path("size2").asLong(), proof(t.get("proof")),
                        root1 == null ? new byte[0] : root1, root2 == null ? new byte[0] : root2);
                accepted++;
            } catch (ConsistencyVerifier.InconsistentException e) {
                error = e.getMessage();
            }
            if (wantErr != (error != null)) {
                fail(f + ": wantErr=" + wantErr + " but " + (error == null ? "accepted" : "refused: " + error));
            }
        }
        assertTrue(accepted >= 5, "the happy paths");
    }

    @Test
    void sm3ProofsFromTheNode() throws Exception {
        JsonNode file;
        try (var in = getClass().getResourceAsStream("/vectors/consistency-sm3.json")) {
            assertTrue(in != null, "missing vectors/consistency-sm3.json");
            file = JSON.readTree(in);
        }
        assertEquals("SM3", file.path("hash").asText());
        JsonNode roots = file.path("roots");
        int cases = 0;
        for (JsonNode c : file.path("cases")) {
            long s1 = c.path("size1").asLong();
            long s2 = c.path("size2").asLong();
            byte[] r1 = Hex.decode(roots.get((int) s1).asText());
            byte[] r2 = Hex.decode(roots.get((int) s2).asText());
            List<byte[]> p = new ArrayList<>();
            for (JsonNode h : c.path("proof")) {
                p.add(Hex.decode(h.asText()));
            }
            assertDoesNotThrow(() -> ConsistencyVerifier.SM3.verify(s1, s2, p, r1, r2), s1 + " -> " + s2);
            for (List<byte[]> bad : mutations(p)) {
                assertThrows(ConsistencyVerifier.InconsistentException.class,
                        () -> ConsistencyVerifier.SM3.verify(s1, s2, bad, r1, r2), s1 + " -> " + s2 + " mutated");
            }
            if (s1 < s2) {
                byte[] wrong = r1.clone();
                wrong[0] ^= 1;
                assertThrows(ConsistencyVerifier.InconsistentException.class,
                        () -> ConsistencyVerifier.SM3.verify(s1, s2, p, wrong, r2));
                assertThrows(ConsistencyVerifier.InconsistentException.class,
                        () -> ConsistencyVerifier.SM3.verify(s1, s2, p, r1, wrong));
            }
            cases++;
        }
        assertTrue(cases >= 40, "cases: " + cases);
    }

    /** Every bit flip position's first byte, a dropped last/first hash, an extra hash, a swap. */
    static List<List<byte[]>> mutations(List<byte[]> p) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            List<byte[]> q = new ArrayList<>(p);
            byte[] h = q.get(i).clone();
            h[31] ^= 0x40;
            q.set(i, h);
            out.add(q);
        }
        if (!p.isEmpty()) {
            out.add(new ArrayList<>(p.subList(0, p.size() - 1)));
            out.add(new ArrayList<>(p.subList(1, p.size())));
            List<byte[]> longer = new ArrayList<>(p);
            longer.add(p.get(0));
            out.add(longer);
        }
        if (p.size() >= 2 && !java.util.Arrays.equals(p.get(0), p.get(1))) {
            List<byte[]> swapped = new ArrayList<>(p);
            swapped.set(0, p.get(1));
            swapped.set(1, p.get(0));
            out.add(swapped);
        }
        return out;
    }

    @Test
    void literalRfcProofsSm3() {
        ReferenceTree tree = ReferenceTree.of(40);
        for (int m = 1; m <= 40; m++) {
            for (int n = m; n <= 40; n++) {
                int fm = m;
                int fn = n;
                List<byte[]> p = tree.consistency(m, n);
                byte[] r1 = tree.root(m);
                byte[] r2 = tree.root(n);
                assertDoesNotThrow(() -> ConsistencyVerifier.SM3.verify(fm, fn, p, r1, r2), m + " -> " + n);
                for (List<byte[]> bad : mutations(p)) {
                    assertThrows(ConsistencyVerifier.InconsistentException.class,
                            () -> ConsistencyVerifier.SM3.verify(fm, fn, bad, r1, r2), m + " -> " + n);
                }
                if (n < 40) {
                    // a root of another size is not the root of this one
                    byte[] other = tree.root(n + 1);
                    assertThrows(ConsistencyVerifier.InconsistentException.class,
                            () -> ConsistencyVerifier.SM3.verify(fm, fn, p, r1, other));
                }
            }
        }
    }

    @Test
    void edgeRules() {
        byte[] r = new byte[32];
        assertThrows(ConsistencyVerifier.InconsistentException.class,
                () -> ConsistencyVerifier.SM3.verify(0, 0, List.of(), r, r));
        assertThrows(ConsistencyVerifier.InconsistentException.class,
                () -> ConsistencyVerifier.SM3.verify(3, 2, List.of(), r, r));
        assertDoesNotThrow(() -> ConsistencyVerifier.SM3.verify(5, 5, List.of(), r, r.clone()));
        assertThrows(ConsistencyVerifier.InconsistentException.class,
                () -> ConsistencyVerifier.SM3.verify(5, 5, List.of(r), r, r));
        assertThrows(ConsistencyVerifier.InconsistentException.class,
                () -> ConsistencyVerifier.SM3.verify(5, 6, List.of(), r, r));
        assertEquals("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
                Hex.encode(ConsistencyVerifier.SM3.emptyRoot()));
    }
}
