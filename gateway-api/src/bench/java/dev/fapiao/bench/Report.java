package dev.fapiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Joins the phase files into {@code summary.json} (phases and the figures of {@link Summary}), draws
 * {@code throughput.png} (committed invoices per second and p99 commit latency per second, every
 * phase, over the window) and prints a short table; with {@code --runs} it joins the summaries of
 * repeated runs into their spread instead.
 *
 * <pre>--dir target/bench/rep-1 [--note "free text"]  |  --dir target/bench --runs rep-1,rep-2,rep-3</pre>
 */
public final class Report {

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Args args = Args.parse(argv);
        Path dir = args.path("dir", "target/bench");
        String runs = args.string("runs", "");
        if (!runs.isBlank()) {
            spread(dir, runs.split(","));
            return;
        }
        // the phases this run made (scripts/bench.sh gives every run a fresh directory)
        List<JsonNode> phases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                JsonNode p = PhaseResult.JSON.readTree(f.toFile());
                if (p.has("phase") && p.has("committedPerSecond")) {
                    phases.add(p);
                }
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalStateException("no phase results in " + dir);
        }
        phases.sort(Comparator.comparingInt(Report::order)
                .thenComparingInt(p -> p.path("settings").path("inFlight").asInt()));

        ObjectNode summary = PhaseResult.JSON.createObjectNode();
        summary.put("generatedAt", Instant.now().toString());
        ObjectNode machine = summary.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtReport", Files.readString(Path.of("/proc/loadavg")).strip());
        machine.put("note", args.string("note", ""));
        Summary.of(phases, summary);
        ObjectNode byName = summary.putObject("phases");
        phases.forEach(p -> byName.set(p.path("phase").asText(), p));
        PhaseResult.JSON.writeValue(dir.resolve("summary.json").toFile(), summary);

        chart(dir.resolve("throughput.png"), phases);
        table(phases, summary);
    }

    private static int order(JsonNode phase) {
        String n = phase.path("phase").asText();
        return n.startsWith("baseline") ? 0 : n.startsWith("ceiling") ? 1 : n.equals("node") ? 2 : 3;
    }

    /** {@code --runs rep-1,rep-2,rep-3}: the spread of their summaries into {@code dir/summary.json}. */
    private static void spread(Path dir, String[] runs) throws java.io.IOException {
        List<JsonNode> summaries = new ArrayList<>();
        for (String r : runs) {
            summaries.add(PhaseResult.JSON.readTree(dir.resolve(r.strip()).resolve("summary.json").toFile()));
        }
        ObjectNode out = PhaseResult.JSON.createObjectNode();
        out.put("generatedAt", Instant.now().toString());
        Summary.spread(summaries, out);
        PhaseResult.JSON.writeValue(dir.resolve("summary.json").toFile(), out);
        System.out.printf("%n%-34s %10s %10s %10s   %s%n", "over " + runs.length + " runs", "median", "min", "max",
                "values");
        out.path("repeat").path("spread").fields().forEachRemaining(e -> System.out.printf(
                "%-34s %10s %10s %10s   %s%n", e.getKey(), text(e.getValue().path("median")),
                text(e.getValue().path("min")), text(e.getValue().path("max")), e.getValue().path("values")));
    }

    private static void chart(Path file, List<JsonNode> phases) throws Exception {
        XYChart rate = new XYChartBuilder().width(1000).height(400)
                .title("Invoices committed on chain per second").xAxisTitle("s (0 = start of window)")
                .yAxisTitle("committed/s").build();
        XYChart p99 = new XYChartBuilder().width(1000).height(400)
                .title("p99 request-to-commit latency of the invoices committed in each second")
                .xAxisTitle("s (0 = start of window)").yAxisTitle("ms").build();
        for (JsonNode phase : phases) {
            String name = phase.path("phase").asText();
            List<Double> xs = new ArrayList<>();
            List<Double> rs = new ArrayList<>();
            List<Double> px = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            for (JsonNode s : phase.path("timeline")) {
                double x = s.path("second").asDouble();
                xs.add(x);
                rs.add(s.path("committed").asDouble());
                if (!s.path("p99CommitMs").isNull()) {
                    px.add(x);
                    ps.add(s.path("p99CommitMs").asDouble());
                }
            }
            if (!xs.isEmpty()) {
                rate.addSeries(name, xs, rs);
            }
            if (!px.isEmpty()) {
                p99.addSeries(name, px, ps);
            }
        }
        BufferedImage top = BitmapEncoder.getBufferedImage(rate);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(p99);
        BufferedImage both = new BufferedImage(top.getWidth(), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        ImageIO.write(both, "png", file.toFile());
    }

    private static void table(List<JsonNode> phases, JsonNode summary) {
        StringBuilder head = new StringBuilder(String.format("%n%-34s", ""));
        phases.forEach(p -> head.append(String.format(" %14s", p.path("phase").asText())));
        System.out.println(head);
        row("window (s)", phases, p -> p.path("windowSeconds"));
        row("committed in window", phases, p -> p.path("committedInWindow"));
        row("committed / s", phases, p -> p.path("committedPerSecond"));
        for (String q : List.of("p50", "p99", "p999")) {
            row("ack latency " + q + " (ms)", phases, p -> p.path("ackLatencyMs").path(q));
        }
        for (String q : List.of("p50", "p99", "p999")) {
            row("commit latency " + q + " (ms)", phases, p -> p.path("commitLatencyMs").path(q));
        }
        row("batch size mean (invoices/tx)", phases, p -> p.path("batchSizes").path("mean"));
        row("uncommitted after drain", phases, p -> p.path("uncommittedAtEnd"));
        row("errors", phases, p -> p.path("errors"));
        System.out.println();
        for (JsonNode phase : phases) {
            for (JsonNode u : phase.path("processes")) {
                System.out.printf("%-8s %-22s cpu %7.1f s (%4.2f cores)  rss %7.1f -> %7.1f MB, peak %7.1f MB%s%n",
                        phase.path("phase").asText(), u.path("name").asText(), u.path("cpuSeconds").asDouble(),
                        u.path("avgCores").asDouble(), u.path("rssStartMb").asDouble(), u.path("rssEndMb").asDouble(),
                        u.path("peakRssMb").asDouble(), u.path("rssSlopeMbPerMin").isNumber()
                                ? String.format(", trend %+.1f MB/min", u.path("rssSlopeMbPerMin").asDouble()) : "");
            }
        }
        System.out.println();
        summary.path("cpuMsPerCommittedInvoice").fields().forEachRemaining(e -> System.out.printf(
                "%-12s cpu ms per committed invoice: all %s, fabric %s, by role %s%n", e.getKey(),
                text(e.getValue().path("all")), text(e.getValue().path("fabric")), e.getValue().path("roles")));
        summary.path("shimRequestsPerCommittedInvoice").fields().forEachRemaining(e -> System.out.printf(
                "%-12s chaincode state round trips per committed invoice (both peers): %s%n", e.getKey(),
                e.getValue()));
        System.out.printf("%nbaseline sweep %s -> best %s/s (%s); ledger ceiling sweep %s -> %s/s%n",
                summary.path("baseline").path("sweep"), text(summary.path("baseline").path("best")),
                summary.path("baseline").path("bestPhase").asText(), summary.path("ledgerCeilingSweep"),
                text(summary.path("ledgerCeiling")));
        System.out.printf("node / best baseline: %s   node / ledger ceiling: %s   (load average now: %s)%n",
                text(summary.path("ratioNodeToBestBaseline")), text(summary.path("ratioNodeToCeiling")),
                summary.path("machine").path("loadAverageAtReport").asText());
        summary.path("targets").fields().forEachRemaining(e -> System.out.printf("target %-32s %-12s %s%n",
                e.getKey(), text(e.getValue().path("value")), e.getValue().path("met").asBoolean() ? "met" : "MISSED"));
    }

    private static void row(String label, List<JsonNode> phases, Function<JsonNode, JsonNode> f) {
        StringBuilder b = new StringBuilder(String.format("%-34s", label));
        phases.forEach(p -> b.append(String.format(" %14s", text(f.apply(p)))));
        System.out.println(b);
    }

    private static String text(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "n/a";
        }
        if (v.isFloatingPointNumber()) {
            return String.format("%.1f", v.asDouble());
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
