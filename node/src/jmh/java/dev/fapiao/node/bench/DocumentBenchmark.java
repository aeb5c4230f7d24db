package dev.fapiao.node.bench;

import dev.fapiao.node.document.DocumentCheck;
import dev.fapiao.node.document.readers.DocumentReaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The added cost per submission of reading the document: {@code DocumentReaders.check(bytes)} on the
 * shared real documents (sniffing, secure parsing, fields, SM3 of every part, and for the OFD the
 * electronic seal: 13 part check values, the signer's and the seal maker's SM2 signatures). The PDF is
 * the real one XRechnung case 02.01a carries (opaque: PDFBox parse + hash). Shared test data is read
 * from {@code -Dbench.testdata} (default {@code ../shared/testdata}, relative to the repository root
 * where scripts/jmh.sh runs). One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class DocumentBenchmark {
    @Param({"ofd", "ubl", "ubl-212k", "cii", "cii-111k", "pdf"})
    public String document;

    private DocumentReaders readers;
    private byte[] bytes;

    @Setup
    public void setup() throws IOException {
        Path invoices = Path.of(System.getProperty("bench.testdata", "../shared/testdata")).resolve("invoices");
        readers = DocumentReaders.create();
        bytes = switch (document) {
            case "ofd" -> Files.readAllBytes(invoices.resolve("cn-ofd/发票示例.ofd"));
            case "ubl" -> Files.readAllBytes(invoices.resolve("peppol-bis3/base-example.xml"));
            case "ubl-212k" -> Files.readAllBytes(invoices.resolve("xrechnung/02.01a-INVOICE_ubl.xml"));
            case "cii" -> Files.readAllBytes(invoices.resolve("en16931/cii/CII_example1.xml"));
            case "cii-111k" -> Files.readAllBytes(invoices.resolve("en16931/cii/huf_example_cii.xml"));
            case "pdf" -> embeddedPdf(invoices.resolve("xrechnung/02.01a-INVOICE_ubl.xml"));
            default -> throw new IllegalArgumentException(document);
        };
        if (readers.check(bytes).checks().isEmpty()) {
            throw new IllegalStateException("nothing checked");
        }
    }

    @Benchmark
    public DocumentCheck check() {
        return readers.check(bytes);
    }

    private static byte[] embeddedPdf(Path ubl) throws IOException {
        Matcher m = Pattern.compile("EmbeddedDocumentBinaryObject[^>]*>([^<]+)<")
                .matcher(Files.readString(ubl, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("no embedded PDF in " + ubl);
        }
        return Base64.getMimeDecoder().decode(m.group(1));
    }
}
