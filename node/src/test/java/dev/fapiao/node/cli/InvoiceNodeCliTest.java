package dev.fapiao.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.OpenSsl;
import dev.fapiao.node.crypto.Sm3;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the CLI in-process with captured streams, a fake environment and no terminal. */
class InvoiceNodeCliTest {
    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();
    final CliEnvironment cliEnv = new CliEnvironment(env::get, prompt -> null);

    Run run(String... args) {
        CommandLine cl = InvoiceNodeCli.newCommandLine(cliEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    String p(String name) {
        return dir.resolve(name).toString();
    }

    static void assertOneLineError(Run r) {
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "expected a message on stderr");
        assertFalse(err.contains("\n"), "expected one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack traces: " + err);
    }

    @BeforeEach
    void message() throws Exception {
        Files.writeString(dir.resolve("invoice.xml"), "<invoice>发票 42</invoice>", StandardCharsets.UTF_8);
    }

    @Test
    void keygenSignVerifyKeyid() throws Exception {
        Run gen = run("keygen", "--out", p("key.pem"), "--pub", p("pub.pem"));
        assertEquals(0, gen.code(), gen.err());
        String keyId = gen.out().strip();
        assertTrue(keyId.matches("[0-9a-f]{64}"), keyId);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("key.pem")));
        assertTrue(Files.readString(dir.resolve("key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));

        assertEquals(keyId, run("keyid", "--pub", p("pub.pem")).out().strip());

        Run sign = run("sign", "--key", p("key.pem"), "--in", p("invoice.xml"));
        assertEquals(0, sign.code(), sign.err());
        String sig = sign.out().strip();
        Base64.getDecoder().decode(sig);

        Run ok = run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", sig);
        assertEquals(0, ok.code(), ok.err());
        assertEquals("valid", ok.out().strip());

        Run wrongId = run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", sig, "--id", "x");
        assertEquals(1, wrongId.code());

        Files.writeString(dir.resolve("invoice.xml"), "<invoice>发票 43</invoice>", StandardCharsets.UTF_8);
        Run tampered = run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", sig);
        assertEquals(1, tampered.code());
        assertEquals("invalid", tampered.out().strip());

        // garbage that is valid base64 but not a DER signature is simply invalid
        assertEquals(1, run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", "AAAA").code());

        // custom user ID on both sides
        String sig2 = run("sign", "--key", p("key.pem"), "--in", p("invoice.xml"), "--id", "node-1").out().strip();
        assertEquals(0, run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", sig2, "--id", "node-1").code());
        assertEquals(1, run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", sig2).code());
    }

    @Test
    void encryptedKeyWithCertificate() throws Exception {
        env.put(CliEnvironment.PASSWORD_ENV, "correct horse");
        Run gen = run("keygen", "--out", p("key.pem"), "--cert", p("cert.pem"), "--subject", "CN=node-1,O=Fapiao",
                "--days", "30", "--encrypt");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(Files.readString(dir.resolve("key.pem")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals(gen.out().strip(), run("keyid", "--cert", p("cert.pem")).out().strip());

        String sig = run("sign", "--key", p("key.pem"), "--in", p("invoice.xml")).out().strip();
        assertEquals(0, run("verify", "--cert", p("cert.pem"), "--in", p("invoice.xml"), "--sig", sig).code());

        env.put(CliEnvironment.PASSWORD_ENV, "wrong");
        assertOneLineError(run("sign", "--key", p("key.pem"), "--in", p("invoice.xml")));
        env.remove(CliEnvironment.PASSWORD_ENV);
        Run noPassword = run("sign", "--key", p("key.pem"), "--in", p("invoice.xml"));
        assertOneLineError(noPassword);
        assertTrue(noPassword.err().contains(CliEnvironment.PASSWORD_ENV), noPassword.err());
    }

    @Test
    void interactivePasswordIsConfirmed() {
        CliEnvironment typed = new CliEnvironment(k -> null, prompt -> "pw".toCharArray());
        assertEquals("pw", new String(typed.password("key", true)));
        int[] calls = {0};
        CliEnvironment mismatch = new CliEnvironment(k -> null,
                prompt -> (calls[0]++ == 0 ? "a" : "b").toCharArray());
        try {
            mismatch.password("key", true);
            throw new AssertionError("expected mismatch");
        } catch (CliException expected) {
            assertEquals("passwords do not match", expected.getMessage());
        }
    }

    @Test
    void usageErrorsAndBadFiles() throws Exception {
        assertOneLineError(run());
        assertOneLineError(run("nonsense"));
        assertOneLineError(run("sign", "--in", p("invoice.xml")));
        assertOneLineError(run("sign", "--key", p("missing.pem"), "--in", p("invoice.xml")));
        Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");
        assertOneLineError(run("sign", "--key", p("bad.pem"), "--in", p("invoice.xml")));
        Files.writeString(dir.resolve("junk.pem"), "just text");
        assertOneLineError(run("keyid", "--pub", p("junk.pem")));
        assertOneLineError(run("keyid", "--cert", p("junk.pem")));
        assertOneLineError(run("keyid"));

        assertEquals(0, run("keygen", "--out", p("key.pem"), "--pub", p("pub.pem")).code());
        assertOneLineError(run("keyid", "--pub", p("pub.pem"), "--cert", p("pub.pem")));
        assertOneLineError(run("keyid", "--cert", p("pub.pem")));
        assertOneLineError(run("sign", "--key", p("key.pem"), "--in", p("missing.xml")));
        assertOneLineError(run("sign", "--key", p("key.pem"), "--in", dir.toString()));
        assertOneLineError(run("sign", "--key", p("pub.pem"), "--in", p("invoice.xml")));
        assertOneLineError(run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", "not base64!"));
        assertOneLineError(run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml")));
        assertOneLineError(run("verify", "--in", p("invoice.xml"), "--sig", "AAAA"));
        assertOneLineError(run("sign", "--key", p("key.pem"), "--in", p("invoice.xml"), "--id", ""));

        assertOneLineError(run("keygen", "--out", p("key.pem")));
        assertEquals(0, run("keygen", "--out", p("key.pem"), "--force").code());
        assertOneLineError(run("keygen", "--out", p("k2.pem"), "--cert", p("c2.pem")));
        assertOneLineError(run("keygen", "--out", p("k2.pem"), "--subject", "CN=x"));
        assertOneLineError(run("keygen", "--out", p("k2.pem"), "--cert", p("c2.pem"), "--subject", "nonsense"));
        assertOneLineError(run("keygen", "--out", p("k2.pem"), "--days", "x"));
        assertOneLineError(run("keygen", "--out", p("k2.pem"), "--pub", p("k2.pem")));
        assertOneLineError(run("keygen", "--out", p("k3.pem"), "--encrypt")); // no password, no terminal
        assertFalse(Files.exists(dir.resolve("k2.pem")));
        assertFalse(Files.exists(dir.resolve("k3.pem")));
    }

    @Test
    void help() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("keygen") && r.out().contains("verify"), r.out());
        assertEquals(0, run("sign", "--help").code());
    }

    @Test
    void signatureInteroperatesWithOpenssl() throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        assertEquals(0, run("keygen", "--out", p("key.pem"), "--pub", p("pub.pem")).code());
        String sig = run("sign", "--key", p("key.pem"), "--in", p("invoice.xml")).out().strip();
        Files.write(dir.resolve("sig.der"), Base64.getDecoder().decode(sig));
        openssl.run("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3",
                "-pkeyopt", "distid:1234567812345678", "-in", "invoice.xml", "-sigfile", "sig.der").ok();

        openssl.run("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3",
                "-pkeyopt", "distid:1234567812345678", "-in", "invoice.xml", "-out", "osig.der").ok();
        String osig = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("osig.der")));
        assertEquals(0, run("verify", "--pub", p("pub.pem"), "--in", p("invoice.xml"), "--sig", osig).code());

        // key id = SM3 of OpenSSL's DER SubjectPublicKeyInfo
        openssl.run("pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der").ok();
        assertEquals(Sm3.hashHex(Files.readAllBytes(dir.resolve("pub.der"))),
                run("keyid", "--pub", p("pub.pem")).out().strip());
    }
}
