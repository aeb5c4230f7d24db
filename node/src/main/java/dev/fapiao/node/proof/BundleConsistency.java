package dev.fapiao.node.proof;

import dev.fapiao.node.evidence.CheckResult;
import dev.fapiao.node.proof.RetentionProof.InvoiceInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bundle's own fields agree with each other and with a supplied document
 * (docs/retention-proof.md, checks {@code invoice-id}, {@code document-size}, {@code content-type}).
 */
final class BundleConsistency {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{20}");
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private BundleConsistency() {
    }

    /**
     * {@code invoiceId} = {@code invoice.issuer} (18 characters) followed by {@code invoice.number}
     * (20 digits), the archive's rule; the seal and the ledger bind {@code invoiceId}.
     */
    static CheckResult invoiceId(String invoiceId, InvoiceInfo invoice) {
        String name = "invoice-id";
        if (invoice.issuer().length() != 18) {
            return CheckResult.fail(name, "invoice.issuer '" + invoice.issuer() + "' is not 18 characters");
        }
        if (!NUMBER.matcher(invoice.number()).matches()) {
            return CheckResult.fail(name, "invoice.number '" + invoice.number() + "' is not 20 digits");
        }
        String expected = invoice.issuer() + invoice.number();
        return expected.equals(invoiceId) ? CheckResult.pass(name, "issuer " + invoice.issuer() + " + number "
                + invoice.number()) : CheckResult.fail(name, "invoiceId " + invoiceId + " is not issuer + number ("
                        + expected + ")");
    }

    static CheckResult documentSize(InvoiceInfo invoice, byte[] document) {
        String name = "document-size";
        return invoice.documentSize() == document.length
                ? CheckResult.pass(name, document.length + " bytes")
                : CheckResult.fail(name, "the document has " + document.length + " bytes, invoice.documentSize says "
                        + invoice.documentSize());
    }

    /**
     * The declared media type fits the document's own format (magic bytes): PDF, OFD (a ZIP
     * container, {@code application/ofd} or {@code application/zip}) or XML ({@code …/xml},
     * {@code …+xml}); {@code application/octet-stream} claims no format.
     */
    static CheckResult contentType(InvoiceInfo invoice, byte[] document) {
        String name = "content-type";
        String declared = invoice.contentType().toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        String found = startsWith(document, PDF) ? "pdf" : startsWith(document, ZIP) ? "ofd" : looksLikeXml(document)
                ? "xml" : null;
        String family = switch (declared) {
            case "application/octet-stream" -> found;
            case "application/pdf" -> "pdf";
            case "application/ofd", "application/zip" -> "ofd";
            default -> declared.endsWith("/xml") || declared.endsWith("+xml") ? "xml" : "?";
        };
        if (family == null) {
            return CheckResult.pass(name, "application/octet-stream claims no format");
        }
        return family.equals(found) ? CheckResult.pass(name, invoice.contentType() + " fits the document (" + found + ")")
                : CheckResult.fail(name, "invoice.contentType " + invoice.contentType() + " does not fit the document ("
                        + (found == null ? "neither PDF, OFD nor XML" : found) + ")");
    }

    private static boolean looksLikeXml(byte[] d) {
        int i = d.length >= 3 && (d[0] & 0xff) == 0xEF && (d[1] & 0xff) == 0xBB && (d[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < d.length && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) {
            i++;
        }
        return i < d.length && d[i] == '<';
    }

    private static boolean startsWith(byte[] d, byte[] prefix) {
        return d.length >= prefix.length && Arrays.equals(d, 0, prefix.length, prefix, 0, prefix.length);
    }
}
