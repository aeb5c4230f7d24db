package dev.fapiao.bench;

import dev.fapiao.node.anchor.AnchorPayload;
import dev.fapiao.node.crypto.Sm2KeyPair;
import dev.fapiao.node.crypto.Sm3;
import dev.fapiao.node.invoice.CanonicalJson;
import dev.fapiao.node.ledger.ChaincodeError;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import dev.fapiao.node.seal.Seal;
import dev.fapiao.node.seal.Sealer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/**
 * The baseline: the typical integration without the node. Each of {@code --threads} client threads
 * takes an invoice, seals it (SM3 of original and canonical metadata, SM2 with this client's own
 * NODE key, registered at start) and anchors it with one synchronous {@code anchorInvoice}
 * submit-and-wait-for-commit through the Fabric Gateway. The acknowledgement <em>is</em> the commit.
 *
 * <pre>--profile run/network/network.json --threads 16 --warmup 10 --duration 60 --drain 15
 * --pids name=pid,... --clk-tck 100 --seed 42 --out target/bench/baseline.json</pre>
 */
public final class BaselineClient {

    private static final String MSP = "EnterpriseServicesMSP";
    private static final String OWNER = "91110108MA01FP0Y2C";
    private static final String SELLER = "91310115MA1FL8Q2XH";

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        NetworkProfile profile = NetworkProfile.read(args.path("profile", "run/network/network.json"));
        int threads = args.integer("threads", 16);
        InvoiceSource source = InvoiceSource.create(args.integer("seed", 42), 2000, SELLER);

        Sealer sealer = new Sealer(Sm2KeyPair.generate().privateKey());
        String nodeId = "bench-baseline-" + System.currentTimeMillis();
        try (LedgerConnection admin = LedgerConnection.open(profile.settings(MSP, "Admin"))) {
            admin.contract().submitTransaction("registerSigner", PhaseResult.JSON.createObjectNode()
                    .put("ownerCode", OWNER).put("kind", "NODE").put("nodeId", nodeId)
                    .put("publicKey", sealer.publicKey().toPem())
                    .put("validFrom", Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString())
                    .toString());
        }
        System.err.printf("baseline: NODE key %s registered for %s; %d threads%n", sealer.keyId(), nodeId, threads);

        Map<String, Long> pids = new LinkedHashMap<>(ProcessSampler.parse(args.string("pids", "")));
        pids.put("baseline-client", ProcessHandle.current().pid());
        int drain = args.integer("drain", 15);
        try (LedgerConnection ledger = LedgerConnection.open(profile.settings(MSP, "User1"));
             ProcessSampler sampler = new ProcessSampler(pids, args.integer("clk-tck", 100))) {
            PhaseClock clock = args.clock();
            PhaseRecorder rec = new PhaseRecorder(clock, drain);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                InvoiceSource mine = source.fork();
                Thread t = new Thread(() -> loop(ledger.contract(), sealer, mine, rec), "baseline-" + i);
                t.start();
                workers.add(t);
            }
            PhaseClock.sleepUntil(clock.windowStart());
            sampler.markStart();
            PhaseClock.sleepUntil(clock.windowEnd());
            sampler.markEnd();
            // let the submissions in flight finish (each is synchronous: at most one per thread)
            for (Thread t : workers) {
                t.join(drain * 1000L);
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("threads", threads);
            settings.put("call", "anchorInvoice, submit + wait for commit, one invoice per transaction");
            settings.put("keyId", sealer.keyId());
            PhaseResult r = rec.result("baseline", settings, sampler.usage(clock.windowSecondsExact()), 0);
            r.write(args.path("out", "target/bench/baseline.json"));
            System.err.printf("baseline: %d committed in %.0f s window = %.1f/s%n", r.committedInWindow(),
                    r.windowSeconds(), r.committedPerSecond());
        }
        System.exit(0);
    }

    private static void loop(Contract contract, Sealer sealer, InvoiceSource source, PhaseRecorder rec) {
        PhaseClock clock = rec.clock();
        while (!clock.loadOver(System.nanoTime())) {
            GeneratedInvoice g = source.next();
            long t0 = System.nanoTime();
            rec.sent(t0, 1);
            try {
                byte[] metaHash = Sm3.hash(CanonicalJson.of(g.invoice()));
                Seal seal = sealer.seal(g.id(), Sm3.hash(g.document()), metaHash, g.invoice().issueTime());
                contract.submitTransaction("anchorInvoice", AnchorPayload.of(seal));
                long t1 = System.nanoTime();
                rec.acknowledged(t0, t1);
                rec.committed(t0, t1);
                rec.batch(1);
            } catch (GatewayException e) {
                ChaincodeError err = ChaincodeError.of(e);
                rec.error(err != null ? err.code() : "gateway-" + e.getStatus().getCode());
            } catch (CommitException e) {
                rec.error("commit-" + e.getCode());
            } catch (RuntimeException e) {
                rec.error(e.getClass().getSimpleName());
            }
        }
    }
}
