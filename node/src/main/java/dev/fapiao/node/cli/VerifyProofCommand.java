package dev.fapiao.node.cli;

import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify-proof BUNDLE.json --trust TRUST.json [--document FILE]}: offline, no network. */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
        description = {"Verify a retention proof bundle offline (docs/retention-proof.md).",
            "Prints one line per check. Exit 0 all checks pass, 1 a check fails, 2 usage or malformed input."})
final class VerifyProofCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE.json", description = "the retention proof bundle")
    Path bundle;

    @Option(names = "--trust", required = true, paramLabel = "TRUST.json",
            description = "trust anchors: MSP root CAs (scripts/network.sh trust writes run/network/trust.json)")
    Path trust;

    @Option(names = "--document", paramLabel = "FILE", description = "the original document, to check its SM3 hash")
    Path document;

    @Override
    public Integer call() {
        String bundleJson = readUtf8(bundle);
        String trustJson = readUtf8(trust);
        byte[] doc = null;
        if (document != null) {
            try (InputStream in = CliFiles.open(document)) {
                doc = in.readAllBytes();
            } catch (IOException e) {
                throw CliFiles.describe(document, e);
            }
        }
        VerificationReport report;
        try {
            report = new RetentionProofVerifier(TrustAnchors.parse(trustJson)).verify(bundleJson, doc);
        } catch (MalformedProofException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (CheckResult c : report.checks()) {
            out.println(c);
        }
        if (doc == null) {
            out.println("SKIP document-hash: no --document given");
        }
        out.println(report.passed() ? "VALID: all " + report.checks().size() + " checks passed"
                : "INVALID: failed " + report.failed());
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private static String readUtf8(Path p) {
        try (InputStream in = CliFiles.open(p)) {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(p + ": not UTF-8 text");
        } catch (IOException e) {
            throw CliFiles.describe(p, e);
        }
    }
}
