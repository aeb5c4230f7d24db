package dev.fapiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fapiao.node.ledger.LedgerConnection;
import dev.fapiao.node.ledger.NetworkProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The node phases: a load generator against the gateway. Acknowledgement = the HTTP answer (202
 * per invoice: archived durably); commit = the invoice's {@code InvoicesAnchored} chaincode event
 * ({@link CommitTracker}).
 *
 * <p><b>Closed loop</b> (default, phase "node", finds the peak): {@code --batch-workers} threads each
 * post batches of {@code --batch-size} to {@code POST /v1/invoices:batch}, {@code --single-workers}
 * threads post single invoices to {@code POST /v1/invoices}; each thread has one request in flight on
 * its own keep-alive connection.
 *
 * <p><b>Open loop</b> ({@code --rate R}, e.g. phase "node-80" at 80 % of the measured peak): requests
 * of {@code --batch-size} invoices (1: {@code POST /v1/invoices}) are due at a fixed schedule,
 * R invoices per second, whatever the answers; {@code --senders} threads send them. Latency runs
 * from the <em>scheduled</em> time, so a slow answer delays no measurement (no coordinated omission).
 *
 * <p>{@code --encoding binary} (default) sends the binary submission frames, each original as it is;
 * {@code json} sends the JSON form with base64 originals.
 *
 * <pre>--url https://127.0.0.1:8443 --cacert FILE --token-file FILE --profile run/network/network.json
 * [--phase node] [--batch-workers 12 --single-workers 4 | --rate 250 --senders 64] --batch-size 100
 * [--encoding binary|json]
 * --warmup 10 --duration 60 --drain 30 --pids name=pid,... --clk-tck 100 --seed 42 --out FILE</pre>
 */
public final class LoadGenerator {

    private static final String SELLER = "91310115MA1FL8Q2XH";

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String phase = args.string("phase", "node");
        double rate = Double.parseDouble(args.string("rate", "0"));
        int batchWorkers = args.integer("batch-workers", 12);
        int singleWorkers = args.integer("single-workers", 4);
        int senders = args.integer("senders", 64);
        int batchSize = args.integer("batch-size", rate > 0 ? 1 : 100);
        int drain = args.integer("drain", 30);
        boolean binary = switch (args.string("encoding", "binary")) {
            case "binary" -> true;
            case "json" -> false;
            default -> throw new IllegalArgumentException("--encoding is binary or json");
        };
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
                List<Thread> threads = new ArrayList<>();
                if (rate > 0) {
                    BlockingQueue<Long> due = new LinkedBlockingQueue<>();
                    for (int i = 0; i < senders; i++) {
                        InvoiceSource mine = source.fork();
                        threads.add(start("send-" + i, () -> sendDue(gw, binary, mine, batchSize, due, tracker, rec)));
                    }
                    threads.add(start("schedule", () -> schedule(rate / batchSize, due, clock, senders)));
                } else {
                    for (int i = 0; i < batchWorkers + singleWorkers; i++) {
                        int size = i < batchWorkers ? batchSize : 1;
                        InvoiceSource mine = source.fork();
                        threads.add(start("load-" + i, () -> loop(gw, binary, mine, size, tracker, rec)));
                    }
                }
                List<Map<String, Object>> backlog = new ArrayList<>();
                Thread metrics = start("metrics", () -> sampleBacklog(gw, clock, backlog));
                PhaseClock.sleepUntil(clock.windowStart());
                sampler.markStart();
                PhaseClock.sleepUntil(clock.windowEnd());
                sampler.markEnd();
                for (Thread t : threads) {
                    t.join(60_000);
                }
                metrics.interrupt();
                long until = System.nanoTime() + drain * 1_000_000_000L;
                while (tracker.pending() > 0 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                Map<String, Object> settings = new LinkedHashMap<>();
                if (rate > 0) {
                    settings.put("mode", "open loop");
                    settings.put("rateInvoicesPerSecond", rate);
                    settings.put("senders", senders);
                } else {
                    settings.put("mode", "closed loop");
                    settings.put("batchWorkers", batchWorkers);
                    settings.put("singleWorkers", singleWorkers);
                }
                settings.put("batchSize", batchSize);
                settings.put("encoding", binary ? "binary frames (" + GatewayClient.FRAMES + ")" : "JSON, base64 documents");
                settings.put("commitTimestamps", "InvoicesAnchored chaincode events (Fabric Gateway stream)");
                settings.put("gatewayMetrics", metrics(gw));
                synchronized (backlog) {
                    settings.put("backlogEvery5s", List.copyOf(backlog));
                }
                PhaseResult r = rec.result(phase, settings, sampler.usage(clock.windowSecondsExact()),
                        tracker.pending());
                r.write(args.path("out", "target/bench/" + phase + ".json"));
                System.err.printf("%s: %d committed in %.0f s window = %.1f/s (%d still uncommitted after %d s)%n",
                        phase, r.committedInWindow(), r.windowSeconds(), r.committedPerSecond(), tracker.pending(),
                        drain);
            }
        }
        System.exit(0);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void loop(GatewayClient gw, boolean binary, InvoiceSource source, int size, CommitTracker tracker,
                             PhaseRecorder rec) {
        PhaseClock clock = rec.clock();
        while (!clock.loadOver(System.nanoTime())) {
            if (!send(gw, binary, source, size, System.nanoTime(), tracker, rec)) {
                return;
            }
        }
    }

    /** Puts one due time per request on {@code due}, {@code requestsPerSecond} apart, until the window ends. */
    private static void schedule(double requestsPerSecond, BlockingQueue<Long> due, PhaseClock clock, int senders) {
        double interval = 1e9 / requestsPerSecond;
        long begin = clock.startNanos();
        for (long k = 0; ; k++) {
            long t = begin + (long) (k * interval);
            if (clock.loadOver(t)) {
                break;
            }
            long wait;
            while ((wait = t - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(t);
        }
        for (int i = 0; i < senders; i++) {
            due.add(Long.MIN_VALUE); // stop
        }
    }

    private static void sendDue(GatewayClient gw, boolean binary, InvoiceSource source, int size, BlockingQueue<Long> due,
                                CommitTracker tracker, PhaseRecorder rec) {
        try {
            for (long t; (t = due.take()) != Long.MIN_VALUE; ) {
                if (!send(gw, binary, source, size, t, tracker, rec)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one request of {@code size} invoices, timed from {@code t0}; false when interrupted. */
    private static boolean send(GatewayClient gw, boolean binary, InvoiceSource source, int size, long t0, CommitTracker tracker,
                                PhaseRecorder rec) {
        // the body as a list of the submissions' own arrays: no contiguous multi-MB copy per request
        // (with a batch of 100 that was a 4 MB buffer plus a 3.5 MB copy, each a humongous G1 object)
        List<GeneratedInvoice> items = new ArrayList<>(size);
        List<byte[]> body = new ArrayList<>(2 * size + 1);
        if (size > 1 && !binary) {
            body.add(ITEMS_OPEN);
        }
        for (int i = 0; i < size; i++) {
            GeneratedInvoice g = source.next();
            items.add(g);
            if (binary) { // frames back to back: head (lengths, metadata), then the original itself
                body.add(g.frameHead());
                body.add(g.document());
                continue;
            }
            if (i > 0) {
                body.add(COMMA);
            }
            body.add(g.submission());
        }
        if (size > 1 && !binary) {
            body.add(ITEMS_CLOSE);
        }
        items.forEach(g -> tracker.expect(g.id(), t0));
        rec.sent(t0, size);
        try {
            HttpResponse<byte[]> res = gw.post(size > 1 ? "/v1/invoices:batch" : "/v1/invoices",
                    binary ? GatewayClient.FRAMES : "application/json", body);
            long t1 = System.nanoTime();
            int status = res.statusCode();
            if (status == 200 && size > 1) {
                boolean refused = false;
                for (JsonNode item : PhaseResult.JSON.readTree(res.body()).path("items")) {
                    int s = item.path("status").asInt();
                    if (s == 200 || s == 202) {
                        rec.acknowledged(t0, t1);
                    } else {
                        rec.error("item-" + s + "-" + item.path("problem").path("type").asText().replaceAll(".*/", ""));
                        tracker.forget(items.get(item.path("index").asInt()).id());
                        refused |= s == 503;
                    }
                }
                if (refused) {
                    Thread.sleep(200); // as for a whole 503: the node is at its backlog limit
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
            return true;
        } catch (InterruptedException e) {
            return false;
        } catch (Exception e) {
            rec.error(e.getClass().getSimpleName());
            items.forEach(g -> tracker.forget(g.id()));
            return true;
        }
    }

    private static final byte[] ITEMS_OPEN = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEMS_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMA = {','};

    /** Every 5 s: the gateway's anchoring backlog and outbox (the "no growth trend" half of the memory target). */
    private static void sampleBacklog(GatewayClient gw, PhaseClock clock, List<Map<String, Object>> out) {
        try {
            while (!clock.loadOver(System.nanoTime())) {
                Map<String, String> m = metrics(gw);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("second", clock.second(System.nanoTime()));
                row.put("backlog", m.get("fapiao_pipeline_backlog"));
                row.put("inFlight", m.get("fapiao_pipeline_in_flight"));
                row.put("outbox", m.get("fapiao_archive_outbox_size"));
                synchronized (out) {
                    out.add(row);
                }
                Thread.sleep(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The gateway's anchoring counters (Prometheus text), for cross-checking the event-based figures. */
    private static Map<String, String> metrics(GatewayClient gw) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : gw.get("/metrics").split("\n")) {
                if (line.startsWith("fapiao_anchor_") || line.startsWith("fapiao_pipeline_")
                        || line.startsWith("fapiao_ledger_errors") || line.startsWith("fapiao_archive_outbox")) {
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
