package dev.fapiao.gateway;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.seal.Sealer;
import dev.fapiao.node.service.Submission;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
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
 * The gateway's per-invoice CPU from the request body (a Vert.x {@link Buffer}, as the body handler
 * leaves it) to the seal, for the two submission forms of {@code POST /v1/invoices}:
 * {@code json} (Gateway.body copy, JSON tree, base64 decode, invoice tree written back to bytes and
 * parsed) and {@code frame} (one frame read, the invoice bytes parsed as sent). Both then seal as
 * {@code InvoiceService.submit} does (canonical metadata JSON, SM3 of the original and of the metadata,
 * SM2). Validation, the document's reading and the archive write are the same for both and left out.
 * Time per operation, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class SubmissionPathBenchmark {

    /** Size of the original in KB (26: the bench's mean). */
    @Param({"26"})
    public int docKb;

    private Sealer sealer;
    private Buffer jsonBody;
    private Buffer frameBody;
    private LocalDate retainUntil;

    @Setup
    public void setup() {
        sealer = new Sealer(Sm2KeyPair.generate().privateKey());
        InvoiceGenerator gen = new InvoiceGenerator(7);
        Invoice invoice = gen.invoice(gen.creditCode(), Instant.parse("2026-11-23T08:00:00Z"));
        byte[] document = gen.document(invoice, docKb * 1024, docKb * 1024);
        String inv = new String(CanonicalJson.of(invoice), StandardCharsets.UTF_8);
        jsonBody = Buffer.buffer("{\"invoice\":" + inv + ",\"document\":\"" + Base64.getEncoder().encodeToString(document)
                + "\",\"contentType\":\"application/xml\"}");
        byte[] meta = ("{\"invoice\":" + inv + ",\"contentType\":\"application/xml\"}").getBytes(StandardCharsets.UTF_8);
        frameBody = Buffer.buffer().appendInt(meta.length).appendBytes(meta).appendInt(document.length).appendBytes(document);
        retainUntil = invoice.issueTime().atOffset(SealEncoding.CST).toLocalDate().plusYears(15);
    }

    @Benchmark
    public Submission parseJson() {
        return SubmissionParser.json(Json.parseBody(jsonBody.getBytes()));
    }

    @Benchmark
    public Submission parseFrame() {
        return SubmissionParser.frame(SubmissionFrames.read(frameBody, 1).get(0), "");
    }

    @Benchmark
    public Seal jsonAndSeal() {
        return seal(parseJson());
    }

    @Benchmark
    public Seal frameAndSeal() {
        return seal(parseFrame());
    }

    private Seal seal(Submission s) {
        Invoice invoice = s.invoice();
        byte[] metadata = CanonicalJson.of(invoice);
        return sealer.seal(invoice.id().format(), Sm3.hash(s.document()), Sm3.hash(metadata), invoice.issueTime(), retainUntil);
    }
}
