package dev.fapiao.node.bench;

import dev.fapiao.node.merkle.InvoiceLeaf;
import dev.fapiao.node.merkle.ProofException;
import dev.fapiao.node.merkle.ProofVerifier;
import dev.fapiao.node.merkle.Sm3Hasher;
import dev.fapiao.node.merkle.TreeMath;
import dev.fapiao.node.merkle.store.MerkleLog;
import dev.fapiao.node.proof.RetentionProofVerifier;
import dev.fapiao.node.evidence.TrustAnchors;
import dev.fapiao.node.proof.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Retention-proof latency at 1,000,000 leaves (SampleTime: JMH reports p50/p99/p99.9 per call).
 *
 * <ul>
 *   <li>{@link #inclusionProof}: {@code MerkleLog.inclusionProof(index, size)} on a 1,000,000-leaf SM3
 *       log on disk (RocksDB), random {@code 0 <= index < size <= 1,000,000};</li>
 *   <li>{@link #consistencyProof}: {@code consistencyProof(size1, size2)}, random
 *       {@code 0 < size1 < size2 <= 1,000,000};</li>
 *   <li>{@link #verifyInclusionPath1M}: {@code ProofVerifier.verifyInclusion} of a leaf of the whole
 *       1,000,000-leaf tree: random leaves of its left perfect subtree (2^19 leaves), whose paths have
 *       20 hashes, the longest at this size;</li>
 *   <li>{@link #verifyBundle}: {@code new RetentionProofVerifier(TrustAnchors.parse(trust)).verify(bundle,
 *       document)} — all checks, with the document — on the offline fixture recorded from the real
 *       network ({@code node/src/test/resources/proof}, copied into the benchmark classes by the
 *       {@code jmh} profile). Its inclusion path is short (a small test log), so a bundle from a
 *       1,000,000-leaf log costs this plus the longer path of {@link #verifyInclusionPath1M}.</li>
 * </ul>
 *
 * <p>The log is built once (leaves {@code InvoiceLeaf} v1 of random hashes from a fixed seed,
 * {@code appendAll} in batches of 10,000) under {@code -Dbench.dir} (default {@code target/bench/tmp},
 * relative to the working directory) in {@code merkle-sm3-1000000}, and <b>kept</b>: later forks and
 * runs reopen it when it holds exactly 1,000,000 leaves (anything else is deleted and rebuilt). The
 * build takes 3 s on a quiet development VM (up to tens of seconds on a loaded one), and RocksDB
 * compacts in the background for a while after it, so quote figures from a run that reused the log. Delete the folder to force a rebuild; do not run
 * two of these benchmarks at once (RocksDB locks the folder).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class ProofBenchmark {
    static final long LEAVES = 1_000_000;
    static final int BATCH = 10_000;
    /** Random arguments per thread, cycled (a power of two). */
    static final int SAMPLES = 1 << 16;

    /** The 1,000,000-leaf SM3 log on disk, built on first use and reused after that. */
    @State(Scope.Benchmark)
    public static class Log {
        MerkleLog log;

        @Setup(Level.Trial)
        public void open() throws IOException {
            Path base = Path.of(System.getProperty("bench.dir", "target/bench/tmp")).toAbsolutePath();
            Path dir = base.resolve("merkle-sm3-" + LEAVES);
            long t0 = System.nanoTime();
            if (Files.isDirectory(dir)) {
                log = MerkleLog.open(dir, Sm3Hasher.INSTANCE);
                if (log.size() == LEAVES) {
                    System.out.printf("merkle log: reopened %,d leaves in %.2f s%n", log.size(), seconds(t0));
                    return;
                }
                System.out.printf("merkle log: %,d leaves, not %,d: rebuilding%n", log.size(), LEAVES);
                log.close();
                delete(dir);
            }
            Files.createDirectories(base);
            log = MerkleLog.open(dir, Sm3Hasher.INSTANCE);
            Random rnd = new Random(42);
            int retainUntil = (int) LocalDate.of(2056, 12, 31).toEpochDay();
            for (long n = 0; n < LEAVES; n += BATCH) {
                List<byte[]> batch = new ArrayList<>(BATCH);
                for (int j = 0; j < BATCH; j++) {
                    byte[] docHash = new byte[32];
                    byte[] metaHash = new byte[32];
                    rnd.nextBytes(docHash);
                    rnd.nextBytes(metaHash);
                    String number = Long.toString(n + j);
                    batch.add(InvoiceLeaf.encode("91350100M000100Y43" + "0".repeat(20 - number.length()) + number,
                            docHash, metaHash, retainUntil));
                }
                log.appendAll(batch);
            }
            System.out.printf("merkle log: built %,d leaves in %.1f s%n", log.size(), seconds(t0));
        }

        @TearDown(Level.Trial)
        public void close() {
            log.close(); // kept on disk for the next fork or run
        }

        private static double seconds(long t0) {
            return (System.nanoTime() - t0) / 1e9;
        }

        private static void delete(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Random (index, size) and (size1, size2) pairs, cycled. */
    @State(Scope.Thread)
    public static class Args {
        final long[] index = new long[SAMPLES];
        final long[] size = new long[SAMPLES];
        final long[] size1 = new long[SAMPLES];
        final long[] size2 = new long[SAMPLES];
        int next;

        @Setup(Level.Trial)
        public void generate() {
            Random rnd = new Random(7);
            for (int i = 0; i < SAMPLES; i++) {
                size[i] = 1 + rnd.nextLong(LEAVES);            // 1 .. LEAVES
                index[i] = rnd.nextLong(size[i]);              // 0 .. size - 1
                size2[i] = 2 + rnd.nextLong(LEAVES - 1);       // 2 .. LEAVES
                size1[i] = 1 + rnd.nextLong(size2[i] - 1);     // 1 .. size2 - 1
            }
        }

        int next() {
            return next++ & (SAMPLES - 1);
        }
    }

    /** 20-hash inclusion proofs of random leaves of the whole 1,000,000-leaf tree, with their leaf hashes and root. */
    @State(Scope.Benchmark)
    public static class Paths {
        static final int N = 1024;
        static final int PATH_HASHES = 20;
        final long[] index = new long[N];
        final byte[][] leafHash = new byte[N][];
        final List<List<byte[]>> proof = new ArrayList<>(N);
        byte[] root;
        int next;

        @Setup(Level.Trial)
        public void prepare(Log log) throws ProofException {
            Random rnd = new Random(11);
            root = log.log.root(LEAVES);
            long left = Long.highestOneBit(LEAVES - 1); // the left perfect subtree: the longest paths
            for (int i = 0; i < N; i++) {
                index[i] = rnd.nextLong(left);
                leafHash[i] = log.log.leafHash(index[i]);
                proof.add(log.log.inclusionProof(index[i], LEAVES));
                if (proof.get(i).size() != PATH_HASHES
                        || TreeMath.inclusionProofSize(index[i], LEAVES) != PATH_HASHES) {
                    throw new IllegalStateException("path of leaf " + index[i] + " has " + proof.get(i).size()
                            + " hashes");
                }
                ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, index[i], LEAVES, leafHash[i], proof.get(i), root);
            }
        }
    }

    /** The recorded real bundle, its trust file and document, as the CLI reads them (strings, bytes). */
    @State(Scope.Benchmark)
    public static class Fixture {
        String bundle;
        String trust;
        byte[] document;

        @Setup(Level.Trial)
        public void load() {
            bundle = new String(resource("bundle.json"), StandardCharsets.UTF_8);
            trust = new String(resource("trust.json"), StandardCharsets.UTF_8);
            document = resource("document.xml");
            VerificationReport r = new RetentionProofVerifier(TrustAnchors.parse(trust)).verify(bundle, document);
            if (!r.passed()) {
                throw new IllegalStateException("the fixture does not verify: " + r.checks());
            }
            System.out.printf("fixture bundle: %d checks, %,d bytes%n", r.checks().size(), bundle.length());
        }

        private static byte[] resource(String name) {
            try (InputStream in = ProofBenchmark.class.getResourceAsStream("/proof/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("/proof/" + name + " is not on the class path (build with -Pjmh)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public List<byte[]> inclusionProof(Log log, Args a) {
        int i = a.next();
        return log.log.inclusionProof(a.index[i], a.size[i]);
    }

    @Benchmark
    public List<byte[]> consistencyProof(Log log, Args a) {
        int i = a.next();
        return log.log.consistencyProof(a.size1[i], a.size2[i]);
    }

    @Benchmark
    public long verifyInclusionPath1M(Paths p) throws ProofException {
        int i = p.next++ & (Paths.N - 1);
        ProofVerifier.verifyInclusion(Sm3Hasher.INSTANCE, p.index[i], LEAVES, p.leafHash[i], p.proof.get(i), p.root);
        return p.index[i];
    }

    @Benchmark
    public VerificationReport verifyBundle(Fixture f) {
        return new RetentionProofVerifier(TrustAnchors.parse(f.trust)).verify(f.bundle, f.document);
    }
}
