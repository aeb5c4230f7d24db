package dev.fapiao.node.bench;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.invoice.Invoice;
import dev.fapiao.node.sample.InvoiceGenerator;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.SealEncoding;
import dev.fapiao.node.seal.Sealer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The per-invoice sealing work of {@code InvoiceService.submit} without validation and the archive:
 * canonical metadata JSON (RFC 8785), SM3 of a 20 KB original and of the metadata, SM2 signature
 * over the v1 seal encoding. One thread (per-core figure).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class SealBenchmark {

    private Sealer sealer;
    private Invoice invoice;
    private String id;
    private byte[] document;
    private LocalDate retainUntil;

    @Setup
    public void setup() {
        sealer = new Sealer(Sm2KeyPair.generate().privateKey());
        InvoiceGenerator gen = new InvoiceGenerator(7);
        invoice = gen.invoice(gen.creditCode(), Instant.parse("2026-11-23T08:00:00Z"));
        id = invoice.id().format();
        document = gen.document(invoice, 20 * 1024, 20 * 1024);
        retainUntil = invoice.issueTime().atOffset(SealEncoding.CST).toLocalDate().plusYears(15);
    }

    @Benchmark
    public Seal seal() {
        byte[] metadata = CanonicalJson.of(invoice);
        return sealer.seal(id, Sm3.hash(document), Sm3.hash(metadata), invoice.issueTime(), retainUntil);
    }
}
