package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2Pem;
import dev.fapiao.node.crypto.Sm2PrivateKey;
import dev.fapiao.node.crypto.Sm2Signer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a file with SM2/SM3; prints the DER signature as base64.")
final class SignCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "KEY.pem", description = "private key (PKCS#8, encrypted PKCS#8 or SEC1 PEM)")
    Path key;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "file to sign")
    Path in;

    @Option(names = "--id", paramLabel = "USERID", defaultValue = Sm2.DEFAULT_USER_ID,
            description = "SM2 user ID (default ${DEFAULT-VALUE})")
    String userId;

    SignCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Sm2PrivateKey k = CliFiles.readPem(key, pem -> Sm2Pem.isEncrypted(pem)
                ? new Sm2Pem(env.provider()).readPrivateKey(pem, env.password(key.toString(), false))
                : Sm2PrivateKey.fromPem(pem));
        Sm2Signer signer = Sm2Signer.of(k).withUserId(userId);
        byte[] sig;
        try (InputStream data = CliFiles.open(in)) {
            sig = signer.sign(data);
        } catch (IOException e) {
            throw CliFiles.describe(in, e);
        }
        spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(sig));
        return ExitCodes.OK;
    }
}
