package dev.fapiao.bench;

import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The ledger ceiling: what the network commits with our chaincode when the node costs nothing.
 * Before the clock starts, this client seals (SM2 with its own NODE key over the v1 seal encoding,
 * as the node does; the two hashes are derived from the invoice id, not from the original) enough
 * invoices for {@code --pool-rate} invoices/s over warm-up + window and groups them into {@code anchorBatch} transactions of {@code --batch-size} (500, the
 * chaincode's maximum); then {@code --inflight} threads send them straight to the Fabric Gateway
 * ({@link LedgerLoad}: submit, commit-status wait). If the pool runs dry before the window ends the
 * result says so ({@code poolExhausted}): the ceiling is then at least what it shows.
 *
 * <pre>--profile run/network/network.json --inflight 8 --batch-size 500 --pool-rate 2500
 * --warmup 10 --duration 60 --drain 30 --pids name=pid,... --peer-metrics host:port,...
 * --clk-tck 100 --seed 42 --phase ceiling-8 --out target/bench/ceiling-8.json</pre>
 */
public final class CeilingClient {

    private static final String SELLER = "91310115MA1FL8Q2XH";

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        NetworkProfile profile = NetworkProfile.read(args.path("profile", "run/network/network.json"));
        int inFlight = args.integer("inflight", 8);
        int batchSize = args.integer("batch-size", 500);
        String phase = args.string("phase", "ceiling-" + inFlight);
        int seconds = args.integer("warmup", 10) + args.integer("duration", 60);
        int batches = Math.max(2 * inFlight, (int) Math.ceil((double) args.integer("pool-rate", 2500) * seconds
                / batchSize));

        Sealer sealer = BenchKeys.registerNodeKey(profile, "bench-ceiling-" + System.currentTimeMillis());
        long t = System.nanoTime();
        AtomicReferenceArray<String> pool = preSeal(sealer, InvoiceSource.create(args.integer("seed", 42), 2000,
                SELLER), batches, batchSize);
        System.err.printf("%s: %d batches of %d invoices pre-sealed in %.1f s; %d in flight%n", phase, batches,
                batchSize, (System.nanoTime() - t) / 1e9, inFlight);

        AtomicInteger next = new AtomicInteger();
        AtomicLong dryAt = new AtomicLong(Long.MAX_VALUE);
        LedgerLoad.Outcome out = LedgerLoad.run(args, profile, "ceiling-client", inFlight, i -> () -> {
            int k = next.getAndIncrement();
            if (k >= batches) {
                dryAt.compareAndSet(Long.MAX_VALUE, System.nanoTime());
                return null;
            }
            return new LedgerLoad.Tx("anchorBatch", pool.getAndSet(k, null), batchSize); // sent once, then freed
        });
        boolean dry = dryAt.get() < out.clock().windowEnd();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("inFlight", inFlight);
        settings.put("call", "anchorBatch of " + batchSize + " pre-sealed invoices, submitAsync + commit status");
        settings.put("preSealedBatches", batches);
        settings.put("poolExhausted", dry);
        settings.put("keyId", sealer.keyId());
        PhaseResult r = out.result(phase, settings);
        r.write(args.path("out", "target/bench/" + phase + ".json"));
        System.err.printf("%s: %d committed in %.0f s window = %.1f/s%s%n", phase, r.committedInWindow(),
                r.windowSeconds(), r.committedPerSecond(), dry ? " (the pre-sealed pool ran dry)" : "");
        System.exit(0);
    }

    /** {@code batches} anchorBatch arguments of {@code size} sealed invoices each, on all cores. */
    private static AtomicReferenceArray<String> preSeal(Sealer sealer, InvoiceSource source, int batches, int size) {
        AtomicReferenceArray<String> pool = new AtomicReferenceArray<>(batches);
        IntStream.range(0, batches).parallel().forEach(b -> {
            InvoiceSource mine;
            synchronized (source) {
                mine = source.fork();
            }
            StringBuilder json = new StringBuilder(size * 450).append('[');
            for (int i = 0; i < size; i++) {
                GeneratedInvoice g = mine.next();
                // to the chaincode the hashes are opaque 32-byte values: hashing each 26 KB original
                // would only measure this client; the SM2 seal over them is real and verified on chain
                byte[] id = g.id().getBytes(StandardCharsets.UTF_8);
                json.append(i > 0 ? "," : "").append(AnchorPayload.of(sealer.seal(g.id(), Sm3.hash(id),
                        Sm3.hash(Sm3.hash(id)), g.invoice().issueTime())));
            }
            pool.set(b, json.append(']').toString());
        });
        return pool;
    }
}
