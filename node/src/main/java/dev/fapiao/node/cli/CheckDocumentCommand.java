package dev.fapiao.node.cli;

import dev.fapiao.node.document.Check;
import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentLimits;
import dev.fapiao.node.document.readers.DocumentReaders;
import dev.fapiao.node.document.TrustedSeals;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-document", mixinStandardHelpOptions = true,
        description = {"Read an invoice document (OFD, 数电票 XML, UBL, CII, PDF) and check its seals and signatures.",
            "Prints each check. Exit 0 every check passes, 1 one fails (named), 2 unusable input."})
final class CheckDocumentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the document")
    Path file;

    @Option(names = "--trust-seals", paramLabel = "DIR",
            description = "directory of trusted seal CA / tax bureau certificates (*.pem, *.crt, *.cer, *.der)"
                    + " and the CAs' revocation lists (*.crl)")
    Path trustSeals;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "declared media type (application/ofd, application/pdf, application/xml); default: sniff")
    String contentType;

    @Override
    public Integer call() {
        TrustedSeals trusted = trustSeals == null ? TrustedSeals.none() : TrustedSeals.load(trustSeals);
        DocumentLimits limits = DocumentLimits.defaults();
        byte[] bytes = read(file, limits.maxDocumentBytes());
        PrintWriter out = spec.commandLine().getOut();
        DocumentCheck check;
        try {
            check = DocumentReaders.create(limits, trusted).check(bytes, contentType);
        } catch (DocumentException e) {
            throw new CliException(file + ": unusable document (" + e.reason() + "): " + e.getMessage(), e);
        }
        for (String why : trusted.ignoredCrls()) {
            out.println(pad("INFO") + "crl: ignored " + why);
        }
        for (Check c : check.checks()) {
            out.println(pad(c.outcome().name()) + c.name() + ": " + c.detail());
        }
        out.println("checked by: " + check.checkedBy());
        List<Check> failed = check.failures();
        if (failed.isEmpty()) {
            out.println("result: all checks pass");
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Check c : failed) {
            err.println("check-document: FAILED " + c.name() + ": " + c.detail());
        }
        return ExitCodes.INVALID;
    }

    private static String pad(String outcome) {
        return String.format("%-5s ", outcome);
    }

    private static byte[] read(Path p, long max) {
        try (InputStream in = CliFiles.open(p)) {
            if (Files.size(p) > max) {
                throw new CliException(p + ": unusable document (LIMIT_EXCEEDED): larger than " + max + " bytes");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw CliFiles.describe(p, e);
        }
    }
}
