package dev.fapiao.node.cli;

import dev.fapiao.node.crypto.Sm2Certificates;
import dev.fapiao.node.crypto.Sm2PublicKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Exactly one of --pub / --cert, shared by commands that need a public key. */
final class KeySource {
    @Option(names = "--pub", paramLabel = "PEM", required = true, description = "SM2 public key (PEM \"PUBLIC KEY\")")
    Path pub;

    @Option(names = "--cert", paramLabel = "PEM", required = true, description = "X.509 certificate with an SM2 key (PEM)")
    Path cert;

    Sm2PublicKey load(CliEnvironment env) {
        if (pub != null) {
            return CliFiles.readPem(pub, Sm2PublicKey::fromPem);
        }
        Sm2Certificates certs = new Sm2Certificates(env.provider());
        return CliFiles.readPem(cert, pem -> Sm2Certificates.publicKey(certs.fromPem(pem)));
    }
}
