package dev.fapiao.bench;

import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Sealer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline: the typical integration without the node, tuned. {@code --inflight} submissions
 * are in flight at any time ({@link LedgerLoad}); each takes an invoice, seals it (SM3 of original
 * and canonical metadata, SM2 with this client's own NODE key, registered at start) and anchors it
 * with one {@code anchorInvoice} transaction: endorse, {@code submitAsync} (the acknowledgement:
 * ordered), commit-status wait (the commit). One invoice per transaction. {@code scripts/bench.sh}
 * sweeps {@code --inflight} (16, 64, 256, 400) and quotes the best as <em>the</em> baseline.
 *
 * <pre>--profile run/network/network.json --inflight 64 --warmup 10 --duration 60 --drain 15
 * --pids name=pid,... --peer-metrics host:port,... --clk-tck 100 --seed 42 --phase baseline-64
 * --out target/bench/baseline-64.json</pre>
 */
public final class BaselineClient {

    private static final String SELLER = "91310115MA1FL8Q2XH";

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        NetworkProfile profile = NetworkProfile.read(args.path("profile", "run/network/network.json"));
        int inFlight = args.integer("inflight", args.integer("threads", 16));
        String phase = args.string("phase", "baseline-" + inFlight);
        InvoiceSource source = InvoiceSource.create(args.integer("seed", 42), 2000, SELLER);
        String nodeId = "bench-baseline-" + System.currentTimeMillis();
        Sealer sealer = BenchKeys.registerNodeKey(profile, nodeId);
        System.err.printf("%s: NODE key %s registered for %s; %d in flight%n", phase, sealer.keyId(), nodeId,
                inFlight);

        LedgerLoad.Outcome out = LedgerLoad.run(args, profile, "baseline-client", inFlight, i -> {
            InvoiceSource mine = source.fork();
            return () -> {
                GeneratedInvoice g = mine.next();
                byte[] metaHash = Sm3.hash(CanonicalJson.of(g.invoice()));
                return new LedgerLoad.Tx("anchorInvoice", AnchorPayload.of(sealer.seal(g.id(),
                        Sm3.hash(g.document()), metaHash, g.invoice().issueTime())), 1);
            };
        });
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("inFlight", inFlight);
        settings.put("call", "anchorInvoice, one invoice per transaction: submitAsync (ack) + commit status");
        settings.put("keyId", sealer.keyId());
        PhaseResult r = out.result(phase, settings);
        r.write(args.path("out", "target/bench/" + phase + ".json"));
        System.err.printf("%s: %d committed in %.0f s window = %.1f/s%n", phase, r.committedInWindow(),
                r.windowSeconds(), r.committedPerSecond());
        System.exit(0);
    }
}
