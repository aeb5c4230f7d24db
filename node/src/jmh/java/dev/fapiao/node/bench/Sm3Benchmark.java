package dev.fapiao.node.bench;

import dev.fapiao.node.crypto.Sm3;
import java.util.Random;
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

/** SM3 (BouncyCastle) over 1 KB and 1 MB, one thread. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
public class Sm3Benchmark {

    /** Input size in bytes. */
    @Param({"1024", "1048576"})
    public int bytes;

    private byte[] data;

    @Setup
    public void setup() {
        data = new byte[bytes];
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public byte[] hash() {
        return Sm3.hash(data);
    }
}
