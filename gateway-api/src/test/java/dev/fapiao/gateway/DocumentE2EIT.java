package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fapiao.node.document.TestSeals;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.invoice.InvoiceLine;
import dev.fapiao.node.invoice.InvoiceType;
import dev.fapiao.node.invoice.Party;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 end to end, over HTTPS against the real network: OFD invoices sealed with a test seal CA of
 * our own (TestSeals; no public validly sealed OFD with a published CA exists), the gateway configured
 * with that CA as its trusted seal anchor. A document-only submission (JSON without {@code invoice},
 * multipart with only {@code document}) is anchored with the fields read from the OFD; fields that
 * differ from the document are a 422 naming each; the proof bundle's {@code documentCheck} is
 * re-verified offline by the real {@code scripts/invoice-node verify-proof} process; a seal whose signer a
 * trusted CA's CRL revoked before signing is archived with a {@code REVOKED} claim.
 */
class DocumentE2EIT {
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final Random RANDOM = new Random();

    static TestGateway t;
    static TestSeals.Authority ca;
    /** A second trusted CA whose CRL (in the same directory) revoked its seal signer before we seal. */
    static TestSeals.Authority revoking;
    @TempDir
    static Path dir;
    static Path seals;
    static String seller;
    static String buyer;
    static String ent;

    /** One OFD invoice: its bytes and the fields it embeds. */
    record Ofd(byte[] bytes, String number, BigDecimal net) {
    }

    @BeforeAll
    static void start() throws Exception {
        ca = TestSeals.authority("Fapiao E2E seal CA");
        seals = Files.createDirectories(dir.resolve("seal-cas"));
        Files.write(seals.resolve("test-seal-ca.der"), ca.caDer());
        revoking = TestSeals.authority("Fapiao E2E revoking CA");
        Files.write(seals.resolve("revoking-ca.der"), revoking.caDer());
        Instant now = Instant.now();
        Files.write(seals.resolve("revoking-ca.crl"), TestSeals.crl(revoking, now.minusSeconds(30),
                Map.of(revoking.signer(), now.minusSeconds(60))));
        t = TestGateway.start(Map.of("FAPIAO_DOCUMENTS_TRUSTED_SEALS_DIR", seals.toString(),
                "FAPIAO_CHECKPOINT_INTERVAL_SECONDS", "1"));
        seller = GatewayIT.GEN.creditCode();
        buyer = GatewayIT.GEN.creditCode();
        ent = t.gateway.tokens().mint("enterprise-doc-e2e", Caller.Role.ENTERPRISE, List.of(seller), Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** A freshly numbered OFD invoice of {@code seller}, issued today (CST), sealed now by the test CA. */
    static Ofd ofd() {
        return ofd(ca);
    }

    static Ofd ofd(TestSeals.Authority by) {
        String code = digits(12);
        String number = digits(8);
        BigDecimal net = BigDecimal.valueOf(1_000 + RANDOM.nextInt(900_000), 2).multiply(BigDecimal.valueOf(2));
        byte[] xml = TestSeals.vatInvoiceXml(code, number, LocalDate.now(CST), seller, buyer, net);
        return new Ofd(TestSeals.sealedOfd(TestSeals.parts(xml), by, Instant.now()), code + number, net);
    }

    static String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    static ObjectNode documentOnly(byte[] document) {
        return Json.object().put("document", Base64.getEncoder().encodeToString(document))
                .put("contentType", "application/ofd");
    }

    /** The stored invoice agrees with what the OFD says, and its claim is the trusted, valid seal. */
    static void assertReadFromTheDocument(Ofd doc, JsonNode got) {
        JsonNode m = got.path("metadata");
        BigDecimal tax = doc.net().multiply(new BigDecimal("0.13")).setScale(2, java.math.RoundingMode.HALF_UP);
        assertEquals(doc.number(), m.path("number").asText(), got::toString);
        assertEquals(seller, m.path("seller").path("creditCode").asText(), got::toString);
        assertEquals(buyer, m.path("buyer").path("creditCode").asText(), got::toString);
        assertEquals("测试卖方有限公司", m.path("seller").path("name").asText(), got::toString);
        assertEquals(0, doc.net().compareTo(new BigDecimal(m.path("totalAmount").asText())), got::toString);
        assertEquals(0, tax.compareTo(new BigDecimal(m.path("totalTax").asText())), got::toString);
        assertEquals(0, doc.net().add(tax).compareTo(new BigDecimal(m.path("totalWithTax").asText())), got::toString);
        assertEquals(1, m.path("lines").size(), got::toString);
        assertEquals("3040201010000000000", m.path("lines").path(0).path("taxCode").asText(), got::toString);
        assertEquals(LocalDate.now(CST).atStartOfDay(CST).toInstant(), Instant.parse(m.path("issueTime").asText()),
                got::toString);
        JsonNode check = got.path("documentCheck");
        assertEquals("OFD", check.path("format").asText(), got::toString);
        assertTrue(check.path("passed").asBoolean(), check::toString);
        assertEquals(0, check.path("modifiedParts").size(), check::toString);
        assertEquals(1, check.path("signatures").size(), check::toString);
        assertEquals("VALID", check.path("signatures").path(0).path("value").asText(), check::toString);
        assertEquals("TRUSTED", check.path("signatures").path(0).path("trust").asText(), check::toString);
        assertTrue(check.path("signatures").path(0).path("trustReason").asText().contains("Fapiao E2E seal CA"),
                check::toString);
    }

    @Test
    void aDocumentOnlyJsonSubmissionIsAnchoredWithTheFieldsReadFromTheOfd() throws Exception {
        Ofd doc = ofd();
        GatewayIT.Res r = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(documentOnly(doc.bytes())));
        assertEquals(201, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        String id = r.json().path("invoiceId").asText();
        assertEquals("ANCHORED", r.json().path("anchor").path("phase").asText(), r.json()::toString);
        assertEquals(dev.fapiao.node.crypto.Sm3.hashHex(doc.bytes()), r.json().path("docHash").asText());
        assertReadFromTheDocument(doc, awaitAnchored(id));
    }

    @Test
    void aMultipartSubmissionWithOnlyTheDocumentIsAnchoredToo() throws Exception {
        Ofd doc = ofd();
        String boundary = "----fapiao" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"inv.ofd\"\r\n"
                + "Content-Type: application/ofd\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(doc.bytes());
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        GatewayIT.Res r = t.call(t.request("/v1/invoices", ent)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        assertTrue(r.status() == 201 || r.status() == 202, () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/ofd", r.json().path("contentType").asText(), r.json()::toString);
        assertReadFromTheDocument(doc, awaitAnchored(r.json().path("invoiceId").asText()));
    }

    @Test
    void fieldsThatDifferFromTheDocumentAreA422NamingEachAndNothingIsArchived() throws Exception {
        Ofd doc = ofd();
        // consistent in themselves (the validator passes), different from the OFD in number and totals
        String number = digits(20);
        BigDecimal net = doc.net().add(new BigDecimal("100.00"));
        BigDecimal tax = net.multiply(new BigDecimal("0.13")).setScale(2, java.math.RoundingMode.HALF_UP);
        Invoice submitted = new Invoice(number, LocalDate.now(CST).atStartOfDay(CST).toInstant(),
                new Party("测试卖方有限公司", seller), new Party("测试买方有限公司", buyer),
                List.of(new InvoiceLine("*信息技术服务*软件开发", "3040201010000000000", BigDecimal.ONE, "项", net, net,
                        new BigDecimal("0.13"), tax)),
                net, tax, net.add(tax), "CNY", null, InvoiceType.NORMAL, null);
        ObjectNode body = documentOnly(doc.bytes());
        body.set("invoice", Json.MAPPER.readTree(CanonicalJson.of(submitted)));
        GatewayIT.Res r = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(body));
        assertEquals(422, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/problem+json", r.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("https://fapiao.dev/problems/document-mismatch", r.json().path("type").asText(), r.json()::toString);
        BigDecimal docTax = doc.net().multiply(new BigDecimal("0.13")).setScale(2, java.math.RoundingMode.HALF_UP);
        Map<String, String[]> expected = Map.of(
                "invoice.number", new String[] {number, doc.number()},
                "invoice.totalAmount", new String[] {net.toPlainString(), doc.net().toPlainString()},
                "invoice.totalTax", new String[] {tax.toPlainString(), docTax.toPlainString()},
                "invoice.totalWithTax", new String[] {net.add(tax).toPlainString(), doc.net().add(docTax).toPlainString()});
        Set<String> named = new HashSet<>();
        for (JsonNode e : r.json().path("errors")) {
            String field = e.path("field").asText();
            named.add(field);
            assertEquals("document_mismatch", e.path("code").asText(), e::toString);
            String[] both = expected.get(field);
            assertTrue(both != null, () -> "unexpected field " + e);
            String msg = e.path("message").asText();
            assertTrue(msg.contains(both[0]) && msg.contains(both[1]), () -> field + ": both values expected in " + msg);
            assertTrue(msg.contains("Doc_0/Attachs/original_invoice.xml"), msg);
        }
        assertEquals(expected.keySet(), named, r.json()::toString);
        // neither the submitted id nor the document's is archived
        assertEquals(404, t.get("/v1/invoices/" + submitted.id().format(), ent).status());
        String documentsId = dev.fapiao.node.invoice.InvoiceId.of(seller, doc.number()).format();
        assertEquals(404, t.get("/v1/invoices/" + documentsId, ent).status());
        // the same document alone is then accepted as new: the refusal left nothing behind
        GatewayIT.Res ok = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(documentOnly(doc.bytes())));
        assertEquals(201, ok.status(), () -> new String(ok.body(), StandardCharsets.UTF_8));
        assertEquals(documentsId, ok.json().path("invoiceId").asText(), ok.json()::toString);
        assertEquals(false, ok.json().path("existing").asBoolean(), ok.json()::toString);
    }

    @Test
    void theBundlesDocumentCheckIsReverifiedOfflineByTheRealCommandLine() throws Exception {
        Ofd doc = ofd();
        GatewayIT.Res r = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(documentOnly(doc.bytes())));
        assertEquals(201, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        String id = r.json().path("invoiceId").asText();
        String aud = t.gateway.tokens().mint("auditor-doc-e2e", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        byte[] bundleBytes = awaitProof(id, aud);
        JsonNode claim = Json.MAPPER.readTree(bundleBytes).path("documentCheck");
        assertEquals("OFD", claim.path("format").asText(), claim::toString);
        assertEquals("TRUSTED", claim.path("signatures").path(0).path("trust").asText(), claim::toString);
        Path bundle = Files.write(dir.resolve("bundle.json"), bundleBytes);
        Path document = Files.write(dir.resolve("invoice.ofd"), doc.bytes());
        Path trust = networkTrust();

        ProofCliIT.Run good = invoiceNode("verify-proof", bundle.toString(), "--trust", trust.toString(),
                "--document", document.toString(), "--trust-seals", seals.toString());
        assertEquals(0, good.code(), good::toString);
        assertEquals(List.of(), good.failed(), good.out());
        assertTrue(good.passed().contains("document-check"), good.out());
        String line = good.out().lines().filter(l -> l.startsWith("PASS document-check")).findFirst().orElseThrow();
        assertTrue(line.contains("VALID signer TRUSTED"), line);
        assertTrue(good.passed().containsAll(ProofCliIT.DOCUMENTED_CHECKS), good.out());

        // one byte changed inside the embedded invoice's stored data: the OFD no longer reads as claimed
        byte[] changed = doc.bytes().clone();
        changed[dataOffset(changed, "Doc_0/Attachs/original_invoice.xml") + 3] ^= 0x01;
        Path tampered = Files.write(dir.resolve("tampered.ofd"), changed);
        ProofCliIT.Run bad = invoiceNode("verify-proof", bundle.toString(), "--trust", trust.toString(),
                "--document", tampered.toString(), "--trust-seals", seals.toString());
        assertEquals(1, bad.code(), bad::toString);
        assertTrue(bad.failed().contains("document-check"), bad.out());
        assertTrue(bad.failed().contains("document-hash"), bad.out());
        assertTrue(bad.last().startsWith("INVALID: failed [") && bad.last().contains("document-check"), bad.out());
    }

    @Test
    void aSealWhoseSignerWasRevokedBeforeSigningIsArchivedWithARevokedClaim() throws Exception {
        Ofd doc = ofd(revoking);
        GatewayIT.Res r = t.postJson("/v1/invoices?wait=committed&timeout=30s", ent, Json.text(documentOnly(doc.bytes())));
        // a failed seal does not refuse the legal original: the claim records it
        assertEquals(201, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
        String id = r.json().path("invoiceId").asText();
        JsonNode check = awaitAnchored(id).path("documentCheck");
        assertEquals(false, check.path("passed").asBoolean(), check::toString);
        JsonNode sig = check.path("signatures").path(0);
        assertEquals("VALID", sig.path("value").asText(), check::toString);
        assertEquals("REVOKED", sig.path("trust").asText(), check::toString);
        assertTrue(sig.path("trustReason").asText().contains("per the CRL of CN=Fapiao E2E revoking CA"), check::toString);

        // offline: the verifier's own CAs and CRLs judge the signer (reported); the claim still holds
        String aud = t.gateway.tokens().mint("auditor-doc-e2e-crl", Caller.Role.AUDITOR, List.of(), Duration.ofHours(1));
        Path bundle = Files.write(dir.resolve("bundle-revoked.json"), awaitProof(id, aud));
        Path document = Files.write(dir.resolve("revoked.ofd"), doc.bytes());
        Path trust = networkTrust();
        ProofCliIT.Run v = ProofCliIT.cli("verify-proof", bundle.toString(), "--trust", trust.toString(),
                "--document", document.toString(), "--trust-seals", seals.toString());
        assertEquals(0, v.code(), v::toString);
        assertTrue(v.out().lines().anyMatch(l -> l.startsWith("PASS document-check") && l.contains("signer REVOKED")),
                v.out());
        // a malformed CRL in the verifier's directory is a usage error, one line
        Path broken = Files.createDirectories(dir.resolve("broken-seals"));
        Files.write(broken.resolve("ca.der"), revoking.caDer());
        Files.writeString(broken.resolve("bad.crl"), "not a CRL");
        ProofCliIT.Run b = ProofCliIT.cli("verify-proof", bundle.toString(), "--trust", trust.toString(),
                "--document", document.toString(), "--trust-seals", broken.toString());
        assertEquals(2, b.code(), b::toString);
        assertTrue(b.err().strip().lines().count() == 1 && b.err().contains("bad.crl: not an X.509 CRL"), b.err());
    }

    /** Offset of the first data byte of a ZIP entry (after its local file header). */
    static int dataOffset(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + n.length < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4
                    && java.util.Arrays.equals(zip, i + 30, i + 30 + n.length, n, 0, n.length)) {
                int nameLen = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
                int extraLen = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                return i + 30 + nameLen + extraLen;
            }
        }
        throw new AssertionError("no local header for " + name);
    }

    static JsonNode awaitAnchored(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            GatewayIT.Res r = t.get("/v1/invoices/" + id, ent);
            assertEquals(200, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
            if (r.json().path("anchor").path("phase").asText().equals("ANCHORED")) {
                return r.json();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not anchored: " + r.json());
            }
            Thread.sleep(200);
        }
    }

    /** The bundle once a checkpoint covers the invoice (503 not-yet-provable until then). */
    static byte[] awaitProof(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            GatewayIT.Res r = t.get("/v1/invoices/" + id + "/proof", token);
            if (r.status() == 200) {
                return r.body();
            }
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(503, r.status(), body);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no proof for " + id + " within 60 s: " + body);
            }
            Thread.sleep(250);
        }
    }

    static Path networkTrust() throws Exception {
        Path networkTrust = TestGateway.repoRoot().resolve("run/network/trust.json");
        if (!Files.exists(networkTrust)) {
            Process p = new ProcessBuilder(TestGateway.repoRoot().resolve("scripts/network.sh").toString(), "trust")
                    .inheritIO().start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "scripts/network.sh trust failed");
        }
        return Files.copy(networkTrust, dir.resolve("trust.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code scripts/invoice-node} as a process, as an auditor runs it. */
    static ProofCliIT.Run invoiceNode(String... args) throws Exception {
        Path root = TestGateway.repoRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("scripts/invoice-node").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("INVOICE_NODE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/invoice-node did not finish in 10 minutes");
        }
        return new ProofCliIT.Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
