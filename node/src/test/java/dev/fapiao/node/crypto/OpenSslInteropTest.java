package dev.fapiao.node.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both directions against the real `openssl` 3 CLI. */
class OpenSslInteropTest {
    static final Provider BC = CryptoProviders.newBouncyCastle();
    static final String DISTID = "distid:" + Sm2.DEFAULT_USER_ID;

    @TempDir
    Path dir;
    OpenSsl openssl;
    final byte[] msg = "FAPIAO interop message 发票".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        openssl = new OpenSsl(dir);
        Files.write(dir.resolve("msg"), msg);
    }

    private OpenSsl.Result opensslVerify(String pub, String sig, String distid) {
        return openssl.run("pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-digest", "sm3",
                "-pkeyopt", distid, "-in", "msg", "-sigfile", sig);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    @Test
    void ourSignatureVerifiesInOpenssl() throws Exception {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        write("pub.pem", kp.publicKey().toPem());
        Files.write(dir.resolve("sig.der"), Sm2Signer.of(kp.privateKey()).sign(msg));
        OpenSsl.Result r = opensslVerify("pub.pem", "sig.der", DISTID).ok();
        assertTrue(r.out().contains("Signature Verified Successfully"), r.out());

        // Custom user ID: both sides must agree on it.
        Files.write(dir.resolve("sig2.der"), Sm2Signer.of(kp.privateKey()).withUserId("node-1@fapiao").sign(msg));
        opensslVerify("pub.pem", "sig2.der", "distid:node-1@fapiao").ok();
        assertNotEquals(0, opensslVerify("pub.pem", "sig2.der", DISTID).exitCode());

        Files.write(dir.resolve("msg"), "tampered".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(0, opensslVerify("pub.pem", "sig.der", DISTID).exitCode());
    }

    @Test
    void opensslSignatureAndKeysWorkInOurs() throws Exception {
        openssl.run("genpkey", "-algorithm", "SM2", "-out", "key.pem").ok();
        openssl.run("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem").ok();
        openssl.run("pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der").ok();
        openssl.run("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID,
                "-in", "msg", "-out", "sig.der").ok();

        Sm2PrivateKey key = Sm2PrivateKey.fromPem(Files.readString(dir.resolve("key.pem")));
        Sm2PublicKey pub = Sm2PublicKey.fromPem(Files.readString(dir.resolve("pub.pem")));
        assertEquals(pub, key.publicKey());
        byte[] pubDer = Files.readAllBytes(dir.resolve("pub.der"));
        assertArrayEquals(pubDer, pub.encoded(), "our SPKI DER must equal OpenSSL's byte for byte");
        assertEquals(Sm3.hashHex(pubDer), pub.keyId());

        byte[] sig = Files.readAllBytes(dir.resolve("sig.der"));
        assertTrue(Sm2Verifier.of(pub).verify(msg, sig));
        assertTrue(!Sm2Verifier.of(pub).verify("other".getBytes(StandardCharsets.US_ASCII), sig));

        // Same PKCS#8 layout as OpenSSL writes (no curve repeated inside ECPrivateKey).
        assertEquals(Files.readString(dir.resolve("key.pem")).strip(), key.toPem().strip());
    }

    @Test
    void ourKeysLoadInOpenssl() throws Exception {
        Sm2KeyPair kp = Sm2KeyPair.generate();
        write("key.pem", kp.privateKey().toPem());
        OpenSsl.Result text = openssl.run("pkey", "-in", "key.pem", "-noout", "-text").ok();
        assertTrue(text.out().contains("ASN1 OID: SM2"), text.out());
        String pub = openssl.run("pkey", "-in", "key.pem", "-pubout").ok().out();
        assertEquals(kp.publicKey().toPem().strip(), pub.strip());

        // openssl signs with our key, we verify
        openssl.run("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID,
                "-in", "msg", "-out", "sig.der").ok();
        assertTrue(Sm2Verifier.of(kp.publicKey()).verify(msg, Files.readAllBytes(dir.resolve("sig.der"))));
    }

    @Test
    void sec1PrivateKeysFromOpenssl() throws Exception {
        openssl.run("genpkey", "-algorithm", "SM2", "-out", "key.pem").ok();
        openssl.run("ec", "-in", "key.pem", "-out", "sec1.pem").ok();
        String sec1 = Files.readString(dir.resolve("sec1.pem"));
        assertTrue(sec1.contains("BEGIN SM2 PRIVATE KEY") || sec1.contains("BEGIN EC PRIVATE KEY"), sec1);
        Sm2PublicKey expected = Sm2PrivateKey.fromPem(Files.readString(dir.resolve("key.pem"))).publicKey();
        assertEquals(expected, Sm2PrivateKey.fromPem(sec1).publicKey());
        // the same DER under the generic label OpenSSL uses for other curves
        String ec = sec1.replace("SM2 PRIVATE KEY", "EC PRIVATE KEY");
        assertEquals(expected, Sm2PrivateKey.fromPem(ec).publicKey());
    }

    @Test
    void encryptedPkcs8BothWays() throws Exception {
        Sm2Pem pem = new Sm2Pem(BC, 2048);
        // OpenSSL -> ours
        openssl.run("genpkey", "-algorithm", "SM2", "-out", "key.pem").ok();
        openssl.run("pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256",
                "-passout", "pass:pa55word", "-out", "enc.pem").ok();
        Sm2PublicKey expected = Sm2PrivateKey.fromPem(Files.readString(dir.resolve("key.pem"))).publicKey();
        assertEquals(expected, pem.readPrivateKey(Files.readString(dir.resolve("enc.pem")),
                "pa55word".toCharArray()).publicKey());
        // OpenSSL's own default (`genpkey -aes256`) as well
        openssl.run("genpkey", "-algorithm", "SM2", "-aes256", "-pass", "pass:pa55word", "-out", "enc2.pem").ok();
        pem.readPrivateKey(Files.readString(dir.resolve("enc2.pem")), "pa55word".toCharArray());

        // ours -> OpenSSL
        Sm2KeyPair kp = Sm2KeyPair.generate();
        write("ours.pem", pem.writeEncryptedPrivateKey(kp.privateKey(), "pa55word".toCharArray()));
        String pub = openssl.run("pkey", "-in", "ours.pem", "-passin", "pass:pa55word", "-pubout").ok().out();
        assertEquals(kp.publicKey().toPem().strip(), pub.strip());
        assertNotEquals(0, openssl.run("pkey", "-in", "ours.pem", "-passin", "pass:wrong", "-pubout").exitCode());
        String params = openssl.run("asn1parse", "-in", "ours.pem").ok().out();
        assertTrue(params.contains("PBES2") && params.contains("hmacWithSHA256") && params.contains("aes-256-cbc"),
                params);
    }

    @Test
    void certificatesBothWays() throws Exception {
        Sm2Certificates certs = new Sm2Certificates(BC);
        Sm2KeyPair ca = Sm2KeyPair.generate();
        X509Certificate caCert = certs.selfSigned(ca.privateKey(), "CN=Test CA,O=Fapiao", Duration.ofDays(2));
        Sm2KeyPair node = Sm2KeyPair.generate();
        X509Certificate nodeCert = certs.issue(ca.privateKey(), caCert, node.publicKey(), "CN=node-1,O=Fapiao",
                Duration.ofDays(1), false);
        write("ca.pem", Sm2Certificates.toPem(caCert));
        write("node.pem", Sm2Certificates.toPem(nodeCert));
        // OpenSSL 3 verifies SM2 certificate signatures with an EMPTY user ID unless told otherwise
        // (openssl/openssl#23471, #29953); GM/T 0015 certificates use the GM/T 0009 default, so say so.
        openssl.run("verify", "-vfyopt", DISTID, "-CAfile", "ca.pem", "node.pem").ok();
        assertNotEquals(0, openssl.run("verify", "-CAfile", "ca.pem", "node.pem").exitCode());
        // the CA's self-signature, checked directly (`verify -check_ss_sig` ignores -vfyopt, openssl#32744)
        byte[] tbs = caCert.getTBSCertificate();
        Files.write(dir.resolve("tbs.der"), tbs);
        Files.write(dir.resolve("casig.der"), caCert.getSignature());
        write("capub.pem", ca.publicKey().toPem());
        openssl.run("pkeyutl", "-verify", "-pubin", "-inkey", "capub.pem", "-rawin", "-digest", "sm3",
                "-pkeyopt", DISTID, "-in", "tbs.der", "-sigfile", "casig.der").ok();
        String text = openssl.run("x509", "-in", "node.pem", "-noout", "-text").ok().out();
        assertTrue(text.contains("SM2-with-SM3"), text);
        String certPub = openssl.run("x509", "-in", "node.pem", "-noout", "-pubkey").ok().out();
        assertEquals(node.publicKey().toPem().strip(), certPub.strip());

        openssl.run("genpkey", "-algorithm", "SM2", "-out", "key.pem").ok();
        openssl.run("req", "-x509", "-new", "-key", "key.pem", "-sm3", "-sigopt", DISTID,
                "-subj", "/CN=openssl/O=Fapiao", "-days", "2", "-out", "ossl.pem").ok();
        X509Certificate ossl = certs.fromPem(Files.readString(dir.resolve("ossl.pem")));
        Sm2PublicKey osslKey = Sm2Certificates.publicKey(ossl);
        assertEquals(Sm2PrivateKey.fromPem(Files.readString(dir.resolve("key.pem"))).publicKey(), osslKey);
        assertTrue(certs.isSignedBy(ossl, osslKey));
        // without -sigopt, OpenSSL 3 signs with the empty ID, which GM/T 0015 verifiers reject
        openssl.run("req", "-x509", "-new", "-key", "key.pem", "-sm3", "-subj", "/CN=legacy",
                "-days", "2", "-out", "legacy.pem").ok();
        assertTrue(!certs.isSignedBy(certs.fromPem(Files.readString(dir.resolve("legacy.pem"))), osslKey));
    }

    @Test
    void sm3MatchesOpensslDgst() throws Exception {
        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        Files.write(dir.resolve("big"), big);
        String out = openssl.run("dgst", "-sm3", "-r", "big").ok().out();
        assertEquals(out.substring(0, 64), Sm3.hashHex(big));
    }
}
