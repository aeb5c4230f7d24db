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
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Joins the phase files into {@code summary.json} (phases, node/baseline ratios, machine), draws
 * {@code throughput.png} (committed invoices per second and p99 commit latency per second, every
 * phase, over the window), evaluates the targets and prints a short table.
 *
 * <pre>--dir target/bench [--note "free text"]</pre>
 */
public final class Report {

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Args args = Args.parse(argv);
        Path dir = args.path("dir", "target/bench");
        // the phases this run made (scripts/bench.sh deletes the files of earlier runs first)
        JsonNode baseline = read(dir.resolve("baseline.json"));
        JsonNode node = read(dir.resolve("node.json"));
        JsonNode steady = read(dir.resolve("node-80.json"));
        List<JsonNode> phases = new ArrayList<>();
        for (JsonNode p : new JsonNode[] {baseline, node, steady}) {
            if (p != null) {
                phases.add(p);
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalStateException("no phase results in " + dir);
        }

        ObjectNode summary = PhaseResult.JSON.createObjectNode();
        summary.put("generatedAt", Instant.now().toString());
        ObjectNode machine = summary.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtReport", Files.readString(Path.of("/proc/loadavg")).strip());
        machine.put("note", args.string("note", ""));
        ObjectNode byName = summary.putObject("phases");
        phases.forEach(p -> byName.set(p.path("phase").asText(), p));
        ObjectNode ratio = summary.putObject("ratioNodeToBaseline");
        if (node != null && baseline != null) {
            ratio.put("committedPerSecond", ratio(node, baseline, p -> p.path("committedPerSecond")));
            ratio.put("commitP99", ratio(node, baseline, p -> p.path("commitLatencyMs").path("p99")));
        }
        summary.set("targets", targets(baseline, node, steady));
        PhaseResult.JSON.writeValue(dir.resolve("summary.json").toFile(), summary);

        chart(dir.resolve("throughput.png"), phases);
        table(phases, summary);
    }

    /** The targets, each with the measured value and whether this run met it. */
    private static ObjectNode targets(JsonNode baseline, JsonNode node, JsonNode steady) {
        ObjectNode t = PhaseResult.JSON.createObjectNode();
        if (node != null) {
            double rate = node.path("committedPerSecond").asDouble();
            target(t, "committedPerSecond>=4000", rate, rate >= 4000);
            if (baseline != null) {
                Double ratio = ratio(node, baseline, p -> p.path("committedPerSecond"));
                target(t, "nodeToBaseline>=20", ratio, ratio != null && ratio >= 20);
            }
            JsonNode commitPeak = node.path("commitLatencyMs").path("p99");
            target(t, "commitP99Ms<3000@peak", commitPeak.isNumber() ? commitPeak.asDouble() : null,
                    commitPeak.isNumber() && commitPeak.asDouble() < 3000);
        }
        if (steady != null) {
            JsonNode ack = steady.path("ackLatencyMs").path("p99");
            JsonNode commit = steady.path("commitLatencyMs").path("p99");
            target(t, "ackP99Ms<50@80%", ack.isNumber() ? ack.asDouble() : null, ack.isNumber() && ack.asDouble() < 50);
            target(t, "commitP99Ms<3000@80%", commit.isNumber() ? commit.asDouble() : null,
                    commit.isNumber() && commit.asDouble() < 3000);
        }
        JsonNode longest = steady != null ? steady : node;
        for (JsonNode u : longest == null ? List.<JsonNode>of() : longest.path("processes")) {
            if (u.path("name").asText().equals("gateway") && u.path("rssSlopeMbPerMin").isNumber()) {
                double slope = u.path("rssSlopeMbPerMin").asDouble();
                // "flat": under 1 MB/min over the window's second half (a leak of 100 bytes per invoice
                // at a few hundred invoices/s would show as > 1 MB/min)
                target(t, "gatewayRssSlopeMbPerMin<1", slope, Math.abs(slope) < 1);
            }
        }
        return t;
    }

    private static void target(ObjectNode t, String name, Double value, boolean met) {
        ObjectNode o = t.putObject(name);
        if (value == null) {
            o.putNull("value");
        } else {
            o.put("value", value);
        }
        o.put("met", met);
    }

    private static JsonNode read(Path file) throws java.io.IOException {
        return Files.exists(file) ? PhaseResult.JSON.readTree(file.toFile()) : null;
    }

    private static Double ratio(JsonNode a, JsonNode b, Function<JsonNode, JsonNode> f) {
        double x = f.apply(a).asDouble(Double.NaN);
        double y = f.apply(b).asDouble(Double.NaN);
        return Double.isFinite(x / y) ? Math.round(x / y * 100) / 100.0 : null;
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
        System.out.printf("%nnode / baseline committed/s: %s   (load average now: %s)%n",
                summary.path("ratioNodeToBaseline").path("committedPerSecond").asText(),
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
