package dev.fapiao.node.bench;

import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm2Signer;
import dev.fapiao.node.crypto.Sm2Verifier;
import dev.fapiao.node.seal.SealEncoding;
import java.time.Instant;
import java.util.Random;
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
 * SM2 (SM3 digest, default user ID) sign and verify over a v1 seal encoding, i.e. exactly the message
 * the node signs per invoice. {@link Sm2Signer} is thread-safe, so both threads share one signer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class Sm2Benchmark {

    private Sm2Signer signer;
    private Sm2Verifier verifier;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setup() {
        Sm2KeyPair keys = Sm2KeyPair.generate();
        signer = Sm2Signer.of(keys.privateKey());
        verifier = Sm2Verifier.of(keys.publicKey());
        Random r = new Random(42);
        byte[] docHash = new byte[32];
        byte[] metaHash = new byte[32];
        r.nextBytes(docHash);
        r.nextBytes(metaHash);
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        message = SealEncoding.encode("91350100M000100Y4300000000000000000001", docHash, metaHash, t,
                SealEncoding.defaultRetainUntil(t));
        signature = signer.sign(message);
        if (!verifier.verify(message, signature)) {
            throw new IllegalStateException("signature does not verify");
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] sign1Thread() {
        return signer.sign(message);
    }

    @Benchmark
    @Threads(2)
    public byte[] sign2Threads() {
        return signer.sign(message);
    }

    @Benchmark
    @Threads(1)
    public boolean verify() {
        return verifier.verify(message, signature);
    }
}
