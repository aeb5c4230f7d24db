package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.seal.RequestEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignRequestCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsHeadersWhoseSignatureVerifiesOverTheCanonicalRequestAndACurlLine() throws Exception {
        Sm2KeyPair key = Sm2KeyPair.generate();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, key.privateKey().toPem());
        byte[] body = "{\"action\":\"LEGAL_HOLD_ON\",\"reason\":\"audit 2026-17\"}".getBytes(StandardCharsets.UTF_8);
        Path bodyFile = dir.resolve("body.json");
        Files.write(bodyFile, body);
        String target = "/v1/invoices/91310115MA1FL8Q2XH-00000001/transitions";
        CliRun run = CliRun.of("sign-request", "--key", pem.toString(), "--key-id", "registered-1", "--method", "POST",
                "--path", target, "--body", bodyFile.toString(), "--timestamp", "1796000000");
        assertEquals(0, run.code(), run.err());
        Map<String, String> h = new HashMap<>();
        for (String line : run.out().split("\n")) {
            int colon = line.indexOf(": ");
            if (line.startsWith("Fapiao-") && colon > 0) {
                h.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        assertEquals("registered-1", h.get("Fapiao-Key-Id"));
        assertEquals("1796000000", h.get("Fapiao-Timestamp"));
        assertTrue(RequestEncoding.NONCE.matcher(h.get("Fapiao-Nonce")).matches());
        RequestEncoding signed = new RequestEncoding("POST", target, Sm3.hashHex(body), 1796000000L,
                h.get("Fapiao-Nonce"), "registered-1");
        byte[] sig = Base64.getDecoder().decode(h.get("Fapiao-Signature"));
        assertTrue(Sm2Verifier.of(key.publicKey()).verify(signed.canonical(), sig));
        body[5] ^= 1;
        assertFalse(Sm2Verifier.of(key.publicKey()).verify(new RequestEncoding("POST", target, Sm3.hashHex(body),
                1796000000L, h.get("Fapiao-Nonce"), "registered-1").canonical(), sig));
        assertTrue(run.out().contains("curl --cacert data/gateway/tls/cert.pem -X POST 'https://127.0.0.1:8443" + target
                + "'"), run.out());
        assertTrue(run.out().contains("--data-binary @" + bodyFile), run.out());
        // each run has a fresh nonce
        CliRun again = CliRun.of("sign-request", "--key", pem.toString(), "--path", target, "--headers-only");
        assertEquals(0, again.code(), again.err());
        assertFalse(again.out().contains("curl"));
        assertNotEquals(h.get("Fapiao-Nonce"), again.out().lines().filter(l -> l.startsWith("Fapiao-Nonce"))
                .findFirst().orElseThrow().substring(14));
        assertTrue(again.out().contains("Fapiao-Key-Id: " + key.keyId()));
    }

    @Test
    void aTargetThatIsNotOriginFormIsOneLineAndANonZeroExit() throws Exception {
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, Sm2KeyPair.generate().privateKey().toPem());
        CliRun run = CliRun.of("sign-request", "--key", pem.toString(), "--path", "v1/invoices");
        assertNotEquals(0, run.code());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("origin-form"), run.err());
    }
}
