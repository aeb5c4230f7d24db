package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.Sm2Certificates;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Pem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate an SM2 key pair (PKCS#8 PEM), optionally with a self-signed SM3withSM2 certificate.")
final class KeygenCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "KEY.pem", description = "private key output")
    Path out;

    @Option(names = "--pub", paramLabel = "PUB.pem", description = "also write the public key")
    Path pub;

    @Option(names = "--cert", paramLabel = "CERT.pem", description = "also write a self-signed certificate")
    Path cert;

    @Option(names = "--subject", paramLabel = "DN", description = "certificate subject, e.g. \"CN=node-1,O=Example\"")
    String subject;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "certificate validity (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--encrypt", description = "encrypt the private key (password from $FAPIAO_KEY_PASSWORD or a prompt)")
    boolean encrypt;

    @Option(names = "--force", description = "overwrite existing files")
    boolean force;

    KeygenCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (cert != null && subject == null) {
            throw new CliException("--cert needs --subject");
        }
        if (cert == null && subject != null) {
            throw new CliException("--subject is only used with --cert");
        }
        if (days <= 0) {
            throw new CliException("--days must be positive");
        }
        List<Path> outputs = Stream.of(out, pub, cert).filter(Objects::nonNull).toList();
        Set<Path> distinct = new HashSet<>();
        for (Path p : outputs) {
            if (!distinct.add(p.toAbsolutePath().normalize())) {
                throw new CliException("the same file is given twice: " + p);
            }
            CliFiles.refuseOverwrite(p, force);
        }
        if (subject != null) {
            try {
                new X500Name(subject);
            } catch (IllegalArgumentException e) {
                throw new CliException("invalid --subject: " + subject);
            }
        }
        char[] password = encrypt ? env.password("the new key", true) : null;

        Sm2KeyPair keys = Sm2KeyPair.generate();
        String keyPem = encrypt
                ? new Sm2Pem(env.provider()).writeEncryptedPrivateKey(keys.privateKey(), password)
                : keys.privateKey().toPem();
        CliFiles.writeText(out, keyPem, true);
        if (pub != null) {
            CliFiles.writeText(pub, keys.publicKey().toPem(), false);
        }
        if (cert != null) {
            X509Certificate c = new Sm2Certificates(env.provider())
                    .selfSigned(keys.privateKey(), subject, Duration.ofDays(days));
            CliFiles.writeText(cert, Sm2Certificates.toPem(c), false);
        }
        spec.commandLine().getOut().println(keys.keyId());
        return ExitCodes.OK;
    }
}
