package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2Pem;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.seal.RequestEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Signs one API request for the gateway (docs/gateway.md, "Signed requests"): prints the
 * {@code Fapiao-*} headers and a ready curl line. The body file is sent as it is (curl --data-binary).
 */
@Command(name = "sign-request", mixinStandardHelpOptions = true,
        description = "Sign a gateway API request with SM2 (timestamp, nonce, body hash); prints the headers and a curl line.")
final class SignRequestCommand implements Callable<Integer> {
    private final CliEnvironment env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY.pem", description = "private key (PKCS#8, encrypted PKCS#8 or SEC1 PEM)")
    Path key;

    @Option(names = "--key-id", paramLabel = "ID", description = "registered key id (default: the key's own, hex SM3 of its public key)")
    String keyId;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "POST", description = "HTTP method (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--path", required = true, paramLabel = "TARGET", description = "request target as sent: /v1/...[?query]")
    String path;

    @Option(names = "--body", paramLabel = "FILE", description = "the exact body bytes (default: empty body)")
    Path body;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/json",
            description = "Content-Type for the curl line (default ${DEFAULT-VALUE})")
    String contentType;

    @Option(names = "--url", paramLabel = "BASE", defaultValue = "https://127.0.0.1:8443",
            description = "gateway base URL for the curl line (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--timestamp", paramLabel = "SECONDS", description = "Unix time to sign (default: now)")
    Long timestamp;

    @Option(names = "--nonce", paramLabel = "NONCE", description = "16..64 of A-Z a-z 0-9 _ - (default: 128 random bits)")
    String nonce;

    @Option(names = "--id", paramLabel = "USERID", defaultValue = Sm2.DEFAULT_USER_ID,
            description = "SM2 user ID (default ${DEFAULT-VALUE})")
    String userId;

    @Option(names = "--headers-only", description = "print only the header lines (for curl -H @FILE)")
    boolean headersOnly;

    SignRequestCommand(CliEnvironment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Sm2PrivateKey k = CliFiles.readPem(key, pem -> Sm2Pem.isEncrypted(pem)
                ? new Sm2Pem(env.provider()).readPrivateKey(pem, env.password(key.toString(), false))
                : Sm2PrivateKey.fromPem(pem));
        String bodySm3 = body == null ? Sm3.hashHex(new byte[0]) : hash(body);
        RequestEncoding request = new RequestEncoding(method, path, bodySm3,
                timestamp != null ? timestamp : clock.instant().getEpochSecond(),
                nonce != null ? nonce : randomNonce(), keyId != null ? keyId : k.keyId());
        String signature = request.sign(Sm2Signer.of(k).withUserId(userId));
        String[] headers = {
            "Fapiao-Key-Id: " + request.keyId(),
            "Fapiao-Timestamp: " + request.timestamp(),
            "Fapiao-Nonce: " + request.nonce(),
            "Fapiao-Signature: " + signature};
        PrintWriter out = spec.commandLine().getOut();
        for (String h : headers) {
            out.println(h);
        }
        if (!headersOnly) {
            StringBuilder curl = new StringBuilder("curl --cacert data/gateway/tls/cert.pem -X ").append(request.method())
                    .append(" '").append(url.replaceAll("/+$", "")).append(request.target()).append("'")
                    .append(" -H \"Authorization: Bearer $TOKEN\"");
            if (body != null) {
                curl.append(" -H 'Content-Type: ").append(contentType).append("'");
            }
            for (String h : headers) {
                curl.append(" -H '").append(h).append("'");
            }
            if (body != null) {
                curl.append(" --data-binary @").append(body);
            }
            out.println();
            out.println(curl);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String hash(Path file) {
        try (InputStream in = CliFiles.open(file)) {
            return java.util.HexFormat.of().formatHex(Sm3.hash(in));
        } catch (IOException e) {
            throw CliFiles.describe(file, e);
        }
    }

    private static String randomNonce() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
