package dev.fapiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node phase: a closed-loop load generator against the gateway. {@code --batch-workers} threads
 * each post batches of {@code --batch-size} to {@code POST /v1/invoices:batch}, {@code --single-workers}
 * threads post single invoices to {@code POST /v1/invoices}; each thread has one request in flight on
 * its own keep-alive connection. Acknowledgement = the HTTP answer (202 per invoice: archived durably);
 * commit = the invoice's {@code InvoicesAnchored} chaincode event ({@link CommitTracker}).
 *
 * <pre>--url https://127.0.0.1:8443 --cacert FILE --token-file FILE --profile run/network/network.json
 * --batch-workers 12 --single-workers 4 --batch-size 100 --warmup 10 --duration 60 --drain 30
 * --pids name=pid,... --clk-tck 100 --seed 42 --out target/bench/node.json</pre>
 */
public final class LoadGenerator {

    private static final String SELLER = "91310115MA1FL8Q2XH";

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int batchWorkers = args.integer("batch-workers", 12);
        int singleWorkers = args.integer("single-workers", 4);
        int batchSize = args.integer("batch-size", 100);
        int drain = args.integer("drain", 30);
        GatewayClient gw = new GatewayClient(URI.create(args.string("url", "https://127.0.0.1:8443")),
                args.path("cacert", "data/gateway/tls/cert.pem"),
                Files.readString(args.path("token-file", "target/bench/token")));
        NetworkProfile profile = NetworkProfile.read(args.path("profile", "run/network/network.json"));
        InvoiceSource source = InvoiceSource.create(args.integer("seed", 42), 2000, SELLER);
        Map<String, Long> pids = new LinkedHashMap<>(ProcessSampler.parse(args.string("pids", "")));
        pids.put("loadgen", ProcessHandle.current().pid());

        try (LedgerConnection ledger = LedgerConnection.open(profile.settings("EnterpriseServicesMSP", "User1"));
             ProcessSampler sampler = new ProcessSampler(pids, args.integer("clk-tck", 100))) {
            PhaseClock clock = args.clock();
            PhaseRecorder rec = new PhaseRecorder(clock, drain);
            try (CommitTracker tracker = new CommitTracker(ledger.network(), profile.chaincode(), rec)) {
                List<Thread> workers = new ArrayList<>();
                for (int i = 0; i < batchWorkers + singleWorkers; i++) {
                    int size = i < batchWorkers ? batchSize : 1;
                    InvoiceSource mine = source.fork();
                    Thread t = new Thread(() -> loop(gw, mine, size, tracker, rec), "load-" + i);
                    t.start();
                    workers.add(t);
                }
                PhaseClock.sleepUntil(clock.windowStart());
                sampler.markStart();
                PhaseClock.sleepUntil(clock.windowEnd());
                sampler.markEnd();
                for (Thread t : workers) {
                    t.join(60_000);
                }
                long until = System.nanoTime() + drain * 1_000_000_000L;
                while (tracker.pending() > 0 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("batchWorkers", batchWorkers);
                settings.put("singleWorkers", singleWorkers);
                settings.put("batchSize", batchSize);
                settings.put("commitTimestamps", "InvoicesAnchored chaincode events (Fabric Gateway stream)");
                settings.put("gatewayMetrics", metrics(gw));
                PhaseResult r = rec.result("node", settings, sampler.usage(clock.windowSecondsExact()),
                        tracker.pending());
                r.write(args.path("out", "target/bench/node.json"));
                System.err.printf("node: %d committed in %.0f s window = %.1f/s (%d still uncommitted after %d s)%n",
                        r.committedInWindow(), r.windowSeconds(), r.committedPerSecond(), tracker.pending(), drain);
            }
        }
        System.exit(0);
    }

    private static void loop(GatewayClient gw, InvoiceSource source, int size, CommitTracker tracker,
                             PhaseRecorder rec) {
        PhaseClock clock = rec.clock();
        while (!clock.loadOver(System.nanoTime())) {
            List<GeneratedInvoice> items = new ArrayList<>(size);
            StringBuilder body = new StringBuilder(size * 40_000).append(size > 1 ? "{\"items\":[" : "");
            for (int i = 0; i < size; i++) {
                GeneratedInvoice g = source.next();
                items.add(g);
                body.append(i > 0 ? "," : "").append(GatewayClient.submission(g));
            }
            body.append(size > 1 ? "]}" : "");
            long t0 = System.nanoTime();
            items.forEach(g -> tracker.expect(g.id(), t0));
            rec.sent(t0, size);
            try {
                HttpResponse<byte[]> res = gw.post(size > 1 ? "/v1/invoices:batch" : "/v1/invoices", body.toString());
                long t1 = System.nanoTime();
                int status = res.statusCode();
                if (status == 200 && size > 1) {
                    for (JsonNode item : PhaseResult.JSON.readTree(res.body()).path("items")) {
                        int s = item.path("status").asInt();
                        if (s == 200 || s == 202) {
                            rec.acknowledged(t0, t1);
                        } else {
                            rec.error("item-" + s + "-" + item.path("problem").path("type").asText().replaceAll(".*/", ""));
                            tracker.forget(items.get(item.path("index").asInt()).id());
                        }
                    }
                } else if (status == 202 || status == 200 || status == 201) {
                    rec.acknowledged(t0, t1);
                } else {
                    rec.error("http-" + status);
                    items.forEach(g -> tracker.forget(g.id()));
                    if (status == 429 || status == 503) {
                        Thread.sleep(200);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                rec.error(e.getClass().getSimpleName());
                items.forEach(g -> tracker.forget(g.id()));
            }
        }
    }

    /** The gateway's anchoring counters (Prometheus text), for cross-checking the event-based figures. */
    private static Map<String, String> metrics(GatewayClient gw) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : gw.get("/metrics").split("\n")) {
                if (line.startsWith("fapiao_anchor_") || line.startsWith("fapiao_pipeline_")
                        || line.startsWith("fapiao_ledger_errors")) {
                    int sp = line.lastIndexOf(' ');
                    m.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }
}
