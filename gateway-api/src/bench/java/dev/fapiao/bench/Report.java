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
 * {@code throughput.png} (committed invoices per second and p99 commit latency per second, both
 * phases, over the window) and prints a short table.
 *
 * <pre>--dir target/bench [--note "free text"]</pre>
 */
public final class Report {

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Args args = Args.parse(argv);
        Path dir = args.path("dir", "target/bench");
        JsonNode baseline = PhaseResult.JSON.readTree(dir.resolve("baseline.json").toFile());
        JsonNode node = PhaseResult.JSON.readTree(dir.resolve("node.json").toFile());

        ObjectNode summary = PhaseResult.JSON.createObjectNode();
        summary.put("generatedAt", Instant.now().toString());
        ObjectNode machine = summary.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtReport", Files.readString(Path.of("/proc/loadavg")).strip());
        machine.put("note", args.string("note", ""));
        summary.putObject("phases").set("baseline", baseline);
        ((ObjectNode) summary.get("phases")).set("node", node);
        ObjectNode ratio = summary.putObject("ratioNodeToBaseline");
        ratio.put("committedPerSecond", ratio(node, baseline, p -> p.path("committedPerSecond")));
        ratio.put("commitP99", ratio(node, baseline, p -> p.path("commitLatencyMs").path("p99")));
        PhaseResult.JSON.writeValue(dir.resolve("summary.json").toFile(), summary);

        chart(dir.resolve("throughput.png"), baseline, node);
        table(baseline, node, summary);
    }

    private static Double ratio(JsonNode a, JsonNode b, Function<JsonNode, JsonNode> f) {
        double x = f.apply(a).asDouble(Double.NaN);
        double y = f.apply(b).asDouble(Double.NaN);
        return Double.isFinite(x / y) ? Math.round(x / y * 100) / 100.0 : null;
    }

    private static void chart(Path file, JsonNode baseline, JsonNode node) throws Exception {
        XYChart rate = new XYChartBuilder().width(1000).height(400)
                .title("Invoices committed on chain per second").xAxisTitle("s (0 = start of window)")
                .yAxisTitle("committed/s").build();
        XYChart p99 = new XYChartBuilder().width(1000).height(400)
                .title("p99 request-to-commit latency of the invoices committed in each second")
                .xAxisTitle("s (0 = start of window)").yAxisTitle("ms").build();
        for (JsonNode phase : List.of(baseline, node)) {
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

    private static void table(JsonNode baseline, JsonNode node, JsonNode summary) {
        System.out.printf("%n%-34s %14s %14s%n", "", "baseline", "node");
        row("window (s)", baseline, node, p -> p.path("windowSeconds"));
        row("committed in window", baseline, node, p -> p.path("committedInWindow"));
        row("committed / s", baseline, node, p -> p.path("committedPerSecond"));
        for (String q : List.of("p50", "p99", "p999")) {
            row("ack latency " + q + " (ms)", baseline, node, p -> p.path("ackLatencyMs").path(q));
        }
        for (String q : List.of("p50", "p99", "p999")) {
            row("commit latency " + q + " (ms)", baseline, node, p -> p.path("commitLatencyMs").path(q));
        }
        row("batch size mean (invoices/tx)", baseline, node, p -> p.path("batchSizes").path("mean"));
        row("uncommitted after drain", baseline, node, p -> p.path("uncommittedAtEnd"));
        row("errors", baseline, node, p -> p.path("errors"));
        System.out.println();
        for (JsonNode phase : List.of(baseline, node)) {
            for (JsonNode u : phase.path("processes")) {
                System.out.printf("%-8s %-22s cpu %7.1f s (%4.2f cores)  rss %7.1f -> %7.1f MB, peak %7.1f MB%n",
                        phase.path("phase").asText(), u.path("name").asText(), u.path("cpuSeconds").asDouble(),
                        u.path("avgCores").asDouble(), u.path("rssStartMb").asDouble(), u.path("rssEndMb").asDouble(),
                        u.path("peakRssMb").asDouble());
            }
        }
        System.out.printf("%nnode / baseline committed/s: %s   (load average now: %s)%n",
                summary.path("ratioNodeToBaseline").path("committedPerSecond").asText(),
                summary.path("machine").path("loadAverageAtReport").asText());
    }

    private static void row(String label, JsonNode a, JsonNode b, Function<JsonNode, JsonNode> f) {
        System.out.printf("%-34s %14s %14s%n", label, text(f.apply(a)), text(f.apply(b)));
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
