package dev.fapiao.node.cli;

import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.evidence.MalformedProofException;
import dev.fapiao.node.document.TrustedSeals;
import dev.fapiao.node.proof.RetentionProof;
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
import java.util.List;
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

    @Option(names = "--trust-seals", paramLabel = "DIR",
            description = "seal CA certificates (and their *.crl) to judge the document's seal signers by (document-check)")
    Path trustSeals;

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
        CheckResult documentCheck = documentCheck(bundleJson, doc);
        if (documentCheck != null) {
            out.println(documentCheck);
        }
        boolean passed = report.passed() && (documentCheck == null || documentCheck.passed());
        int checks = report.checks().size() + (documentCheck == null ? 0 : 1);
        out.println(passed ? "VALID: all " + checks + " checks passed"
                : "INVALID: failed " + failed(report, documentCheck));
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** The bundle's documentCheck claim re-checked against the document; null when there is nothing to check. */
    private CheckResult documentCheck(String bundleJson, byte[] doc) {
        RetentionProof.DocumentClaim claim = RetentionProof.parse(bundleJson).documentCheck();
        if (claim == null || doc == null) {
            if (claim != null) {
                spec.commandLine().getOut().println("SKIP " + DocumentClaimCheck.NAME + ": no --document given");
            }
            return null;
        }
        TrustedSeals seals;
        try {
            seals = trustSeals == null ? TrustedSeals.none() : TrustedSeals.load(trustSeals);
        } catch (RuntimeException e) {
            throw new CliException("--trust-seals: " + e.getMessage(), e);
        }
        return DocumentClaimCheck.check(claim, doc, seals);
    }

    private static List<String> failed(VerificationReport report, CheckResult documentCheck) {
        List<String> failed = new java.util.ArrayList<>(report.failed());
        if (documentCheck != null && !documentCheck.passed()) {
            failed.add(documentCheck.name());
        }
        return failed;
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
