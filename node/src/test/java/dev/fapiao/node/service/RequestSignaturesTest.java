package dev.fapiao.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.archive.Archive;
import dev.fapiao.node.archive.ArchiveOptions;
import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.MapSignerLedger;
import dev.fapiao.node.ledger.SignerRecord;
import dev.fapiao.node.seal.RequestEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed-request rules over a real nonce store (RocksDB) and a signer registry in a map. */
class RequestSignaturesTest {

    private static final String SELLER = "91310115MA1FL8Q2XH";
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final byte[] BODY = "{\"action\":\"LEGAL_HOLD_OFF\",\"reason\":\"court order lifted\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String TARGET = "/v1/invoices/INV-1/transitions";

    @TempDir
    Path dir;
    private Archive archive;
    private final Map<String, SignerRecord> registry = new HashMap<>();
    private final Sm2KeyPair enterprise = Sm2KeyPair.generate();
    private final Sm2KeyPair auditor = Sm2KeyPair.generate();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void open() throws Exception {
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).memoryBudgetBytes(16L << 20).build());
        register(enterprise, SELLER, null);
        Files.writeString(dir.resolve("auditor.pem"), auditor.publicKey().toPem());
    }

    @AfterEach
    void close() {
        archive.close();
    }

    private void register(Sm2KeyPair key, String owner, String revokedAt) {
        registry.put(key.keyId(), new SignerRecord(key.keyId(), owner, "ENTERPRISE", null, key.publicKey().toPem(),
                null, "2020-01-01T00:00:00Z", null, revokedAt, null));
    }

    private RequestSignatures service(String mode) {
        return RequestSignatures.create(new NodeConfig.RequestSignatures(mode, 300, 1000, 0, "",
                dir.resolve("auditor.pem").toString()), archive.nonces(), new MapSignerLedger(registry), clock);
    }

    /** Headers of a request signed with {@code key} at {@code sentAt} over method, target and body. */
    private static RequestSignatures.Headers sign(Sm2KeyPair key, String method, String target, byte[] body,
                                                  Instant sentAt, String nonce) {
        RequestEncoding e = new RequestEncoding(method, target, Sm3.hashHex(body), sentAt.getEpochSecond(), nonce,
                key.keyId());
        return new RequestSignatures.Headers(e.sign(Sm2Signer.of(key.privateKey())),
                Long.toString(sentAt.getEpochSecond()), nonce, key.keyId());
    }

    private static String nonce() {
        return UUID.randomUUID().toString();
    }

    private static final RequestSignatures.Claimant ENTERPRISE =
            new RequestSignatures.Claimant(ActingAs.ENTERPRISE, Set.of(SELLER));

    private static String refusal(Runnable r) {
        return assertThrows(RequestSignatureException.class, r::run).type();
    }

    @Test
    void aRequestSignedByTheCallersRegisteredKeyPasses() throws Exception {
        RequestSignatures s = service("required");
        RequestSignatures.SignedBy by = s.check("POST", TARGET, Sm3.hashHex(BODY),
                sign(enterprise, "POST", TARGET, BODY, NOW, nonce()), ENTERPRISE);
        assertEquals(enterprise.keyId(), by.keyId());
        assertEquals(SELLER, by.ownerCode());
    }

    @Test
    void theBodyHashIsTheSm3OfTheBytesAsStreamed() {
        RequestSignatures.BodyDigest d = service("required").newBodyDigest();
        d.update(BODY, 0, 10);
        d.update(BODY, 10, BODY.length - 10);
        assertEquals(Sm3.hashHex(BODY), d.hex());
    }

    @Test
    void aWrongKeyAWrongBodyByteOrAWrongPathIsRefused() {
        RequestSignatures s = service("required");
        Sm2KeyPair other = Sm2KeyPair.generate();
        // signed with another (unregistered) private key but naming the registered key id
        RequestSignatures.Headers forged = sign(other, "POST", TARGET, BODY, NOW, nonce());
        RequestSignatures.Headers wrongKey = new RequestSignatures.Headers(forged.signature(), forged.timestamp(),
                forged.nonce(), enterprise.keyId());
        assertEquals("bad-signature", refusal(() -> check(s, "POST", TARGET, BODY, wrongKey)));
        // an unregistered key
        assertEquals("bad-signature", refusal(() -> check(s, "POST", TARGET, BODY, forged)));
        byte[] changed = BODY.clone();
        changed[12] ^= 1;
        assertEquals("bad-signature", refusal(() -> check(s, "POST", TARGET, changed,
                sign(enterprise, "POST", TARGET, BODY, NOW, nonce()))));
        assertEquals("bad-signature", refusal(() -> check(s, "POST", "/v1/invoices/INV-2/transitions", BODY,
                sign(enterprise, "POST", TARGET, BODY, NOW, nonce()))));
        assertEquals("bad-signature", refusal(() -> check(s, "POST", TARGET + "?wait=committed", BODY,
                sign(enterprise, "POST", TARGET, BODY, NOW, nonce()))));
        // another enterprise's key, although registered, does not sign for this token
        Sm2KeyPair foreign = Sm2KeyPair.generate();
        register(foreign, "91350100M000100Y43", null);
        assertEquals("bad-signature", refusal(() -> check(s, "POST", TARGET, BODY,
                sign(foreign, "POST", TARGET, BODY, NOW, nonce()))));
    }

    @Test
    void aMissingHeaderIsNamed() {
        RequestSignatures s = service("required");
        RequestSignatures.Headers h = sign(enterprise, "POST", TARGET, BODY, NOW, nonce());
        RequestSignatureException e = assertThrows(RequestSignatureException.class, () -> check(s, "POST", TARGET,
                BODY, new RequestSignatures.Headers(h.signature(), h.timestamp(), null, h.keyId())));
        assertEquals("signature-required", e.type());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Fapiao-Nonce"), e.getMessage());
    }

    @Test
    void aRevokedKeyIsRefused() {
        register(enterprise, SELLER, "2026-12-01T00:00:00Z");
        RequestSignatureException e = assertThrows(RequestSignatureException.class, () -> check(service("required"),
                "POST", TARGET, BODY, sign(enterprise, "POST", TARGET, BODY, NOW, nonce())));
        assertEquals("bad-signature", e.type());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    }

    @Test
    void clientClocksFiveMinutesOffAreToleratedSixAreNot() throws Exception {
        RequestSignatures s = service("required");
        check(s, "POST", TARGET, BODY, sign(enterprise, "POST", TARGET, BODY, NOW.minusSeconds(300), nonce()));
        check(s, "POST", TARGET, BODY, sign(enterprise, "POST", TARGET, BODY, NOW.plusSeconds(300), nonce()));
        assertEquals("request-expired", refusal(() -> check(s, "POST", TARGET, BODY,
                sign(enterprise, "POST", TARGET, BODY, NOW.plusSeconds(360), nonce()))));
        assertEquals("request-expired", refusal(() -> check(s, "POST", TARGET, BODY,
                sign(enterprise, "POST", TARGET, BODY, NOW.minusSeconds(360), nonce()))));
    }

    @Test
    void aReplayIsRefusedAlsoAfterARestartAndOutsideTheWindowItIsExpired() throws Exception {
        RequestSignatures.Headers h = sign(enterprise, "POST", TARGET, BODY, NOW, nonce());
        check(service("required"), "POST", TARGET, BODY, h);
        assertEquals("request-replayed", refusal(() -> check(service("required"), "POST", TARGET, BODY, h)));
        archive.close();
        archive = Archive.open(ArchiveOptions.builder(dir.resolve("archive")).memoryBudgetBytes(16L << 20).build());
        clock = Clock.fixed(NOW.plusSeconds(299), ZoneOffset.UTC);
        assertEquals("request-replayed", refusal(() -> check(service("required"), "POST", TARGET, BODY, h)));
        clock = Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC);
        assertEquals("request-expired", refusal(() -> check(service("required"), "POST", TARGET, BODY, h)));
    }

    @Test
    void operatorsAndAuditorsSignWithConfiguredKeysOfTheirRole() throws Exception {
        RequestSignatures s = service("required");
        RequestSignatures.Claimant asAuditor = new RequestSignatures.Claimant(ActingAs.AUDITOR, Set.of());
        RequestSignatures.SignedBy by = s.check("POST", TARGET, Sm3.hashHex(BODY),
                sign(auditor, "POST", TARGET, BODY, NOW, nonce()), asAuditor);
        assertEquals("configuration", by.source());
        // the auditor's key does not sign for an operator, nor an enterprise's key for an auditor
        RequestSignatures.Claimant asOperator = new RequestSignatures.Claimant(ActingAs.OPERATOR, Set.of());
        assertEquals("bad-signature", refusal(() -> quiet(() -> s.check("POST", TARGET, Sm3.hashHex(BODY),
                sign(auditor, "POST", TARGET, BODY, NOW, nonce()), asOperator))));
        assertEquals("bad-signature", refusal(() -> quiet(() -> s.check("POST", TARGET, Sm3.hashHex(BODY),
                sign(enterprise, "POST", TARGET, BODY, NOW, nonce()), asAuditor))));
    }

    @Test
    void aFullNonceStoreIs503NotGrowth() throws Exception {
        RequestSignatures s = RequestSignatures.create(new NodeConfig.RequestSignatures("required", 300, 2, 0, "", ""),
                archive.nonces(), new MapSignerLedger(registry), clock);
        check(s, "POST", TARGET, BODY, sign(enterprise, "POST", TARGET, BODY, NOW, nonce()));
        check(s, "POST", TARGET, BODY, sign(enterprise, "POST", TARGET, BODY, NOW, nonce()));
        RequestSignatureException e = assertThrows(RequestSignatureException.class, () -> check(s, "POST", TARGET,
                BODY, sign(enterprise, "POST", TARGET, BODY, NOW, nonce())));
        assertEquals("nonce-store-full", e.type());
        assertEquals(503, e.status());
        assertEquals(2, archive.nonces().size());
    }

    private void check(RequestSignatures s, String method, String target, byte[] body, RequestSignatures.Headers h) {
        quiet(() -> s.check(method, target, Sm3.hashHex(body), h, ENTERPRISE));
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void quiet(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
