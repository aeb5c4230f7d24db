package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.Sm2;
import dev.fapiao.node.crypto.Sm2Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify an SM2/SM3 signature over a file. Exit 0 valid, 1 invalid, 2 usage error.")
final class VerifyCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    KeySource keySource;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "signed file")
    Path in;

    @Option(names = "--sig", required = true, paramLabel = "BASE64", description = "DER signature, base64")
    String sig;

    @Option(names = "--id", paramLabel = "USERID", defaultValue = Sm2.DEFAULT_USER_ID,
            description = "SM2 user ID (default ${DEFAULT-VALUE})")
    String userId;

    VerifyCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("--sig is not valid base64");
        }
        Sm2Verifier verifier = Sm2Verifier.of(keySource.load(env)).withUserId(userId);
        boolean ok;
        try (InputStream data = CliFiles.open(in)) {
            ok = verifier.verify(data, signature);
        } catch (IOException e) {
            throw CliFiles.describe(in, e);
        }
        spec.commandLine().getOut().println(ok ? "valid" : "invalid");
        return ok ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
