package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's TLS: every suite the JDK client can speak is tried alone; only TLS 1.3 and the
 * TLS 1.2 ECDHE AEAD suites may complete a handshake. TLS 1.1 is tried with OpenSSL (the JDK
 * client refuses it itself, which would prove nothing about the server).
 */
class TlsPolicyTest {

    @TempDir
    Path dir;
    PipelineHarness h;
    SSLContext client;

    @BeforeEach
    void start() throws Exception {
        h = PipelineHarness.start(dir, Map.of("FAPIAO_GATEWAY_TLS", "true"));
        client = SSLContext.getInstance("TLS");
        // the subject here is the suites, not the certificate
        client.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    boolean handshakes(String protocol, String suite) {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", h.port()), 5000);
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[]{protocol});
            s.setEnabledCipherSuites(new String[]{suite});
            s.startHandshake();
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void onlyAeadEcdheSuitesAndTls13AreOffered() throws Exception {
        String[] supported = client.getSupportedSSLParameters().getCipherSuites();
        assertTrue(List.of(supported).contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), "the client can offer CBC");
        TreeSet<String> accepted = new TreeSet<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (String suite : supported) {
                if (handshakes(protocol, suite)) {
                    accepted.add(protocol + " " + suite);
                }
            }
        }
        System.out.println("TLS suites the gateway accepts (EC certificate): " + accepted);
        for (String a : accepted) {
            String suite = a.substring(a.indexOf(' ') + 1);
            assertTrue(RequestPipeline.CIPHER_SUITES.contains(suite), "not on the list: " + a);
            boolean aead = suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305");
            assertTrue(aead && (suite.startsWith("TLS_ECDHE_") || a.startsWith("TLSv1.3")), "AEAD with ECDHE only: " + a);
        }
        assertTrue(accepted.containsAll(List.of("TLSv1.3 TLS_AES_128_GCM_SHA256", "TLSv1.3 TLS_AES_256_GCM_SHA384",
                "TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")),
                accepted::toString);
        for (String cbc : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")) {
            assertFalse(handshakes("TLSv1.2", cbc), cbc + " must be refused");
        }
        assertEquals("true", System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation"),
                "client-initiated renegotiation refused");
    }

    @Test
    void tls11AndACbcSuiteAreRefusedToOpenSsl() throws Exception {
        assertEquals(0, sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256").exit, "control: AEAD over TLS 1.2");
        Result tls11 = sClient("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertNotEquals(0, tls11.exit, tls11.out);
        Result cbc = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA@SECLEVEL=0");
        assertNotEquals(0, cbc.exit, cbc.out);
    }

    record Result(int exit, String out) {}

    Result sClient(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + h.port(),
                "-servername", "localhost"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl s_client hung");
        return new Result(p.exitValue(), out);
    }
}
