package dev.fapiao.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment parsing and TLS key handling of the chaincode server (Netty must load our key files). */
class ServerSetupTest {

    @TempDir
    Path dir;

    @Test
    void plainSettings() throws Exception {
        ServerSettings s = ServerSettings.fromEnvironment(Map.of("CHAINCODE_ID", "fapiao_abc:123",
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999"));
        assertEquals("fapiao_abc:123", s.chaincodeId());
        assertEquals(9999, s.address().getPort());
        assertEquals("127.0.0.1", s.address().getHostString());
        ChaincodeServerProperties p = ChaincodeMain.properties(s);
        assertTrue(!p.isTlsEnabled());
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromEnvironment(Map.of(
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999")));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromEnvironment(Map.of(
                "CHAINCODE_ID", "x", "CHAINCODE_SERVER_ADDRESS", "127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromEnvironment(Map.of(
                "CHAINCODE_ID", "x", "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:70000")));
    }

    @Test
    void pkcs8KeyFromCryptogenIsUsedAsIsAndNettyLoadsIt() throws Exception {
        KeyPair kp = TestCerts.ecKeyPair("secp256r1");
        X509Certificate cert = TestCerts.selfSigned("CN=localhost", kp.getPublic(), kp.getPrivate(), "SHA256withECDSA");
        Path key = dir.resolve("priv_sk");
        Files.writeString(key, TestCerts.pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        Path crt = dir.resolve("server.crt");
        Files.writeString(crt, TestCerts.pem(cert));
        ServerSettings s = ServerSettings.fromEnvironment(Map.of("CHAINCODE_ID", "x",
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999", "CHAINCODE_TLS_KEY_FILE", key.toString(),
                "CHAINCODE_TLS_CERT_FILE", crt.toString(), "CHAINCODE_TLS_CLIENT_CACERT_FILE", crt.toString()));
        ChaincodeServerProperties p = ChaincodeMain.properties(s);
        assertTrue(p.isTlsEnabled());
        assertEquals(key.toString(), p.getKeyFile());
        assertEquals(crt.toString(), p.getTrustCertCollectionFile());
        SslContext ctx = SslContextBuilder.forServer(crt.toFile(), Path.of(p.getKeyFile()).toFile())
                .trustManager(crt.toFile()).build();
        assertTrue(ctx.isServer());
    }

    @Test
    void sec1KeyIsConvertedToPkcs8() throws Exception {
        KeyPair kp = TestCerts.ecKeyPair("secp256r1");
        X509Certificate cert = TestCerts.selfSigned("CN=localhost", kp.getPublic(), kp.getPrivate(), "SHA256withECDSA");
        Path key = dir.resolve("server.key");
        Files.writeString(key, TestCerts.pem(kp)); // JcaPEMWriter writes a KeyPair as SEC1 "EC PRIVATE KEY"
        assertTrue(Files.readString(key).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        Path crt = dir.resolve("server.crt");
        Files.writeString(crt, TestCerts.pem(cert));
        Path converted = TlsKeyFile.pkcs8(key);
        assertNotEquals(key, converted);
        String pem = Files.readString(converted);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        assertEquals(PrivateKeyInfo.getInstance(kp.getPrivate().getEncoded()).parsePrivateKey(),
                PrivateKeyInfo.getInstance(java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")))
                        .parsePrivateKey());
        SslContext ctx = SslContextBuilder.forServer(crt.toFile(), converted.toFile()).build();
        assertTrue(ctx.isServer());
        Files.writeString(key, "not a key");
        assertThrows(java.io.IOException.class, () -> TlsKeyFile.pkcs8(key));
    }

    @Test
    void tlsNeedsKeyAndCert() {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromEnvironment(Map.of("CHAINCODE_ID", "x",
                "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999", "CHAINCODE_TLS_KEY_FILE", "/nonexistent")));
        assertNull(ServerSettings.fromEnvironment(Map.of("CHAINCODE_ID", "x", "CHAINCODE_SERVER_ADDRESS",
                "127.0.0.1:9999", "CHAINCODE_TLS_KEY_FILE", "")).tlsKey());
    }
}
