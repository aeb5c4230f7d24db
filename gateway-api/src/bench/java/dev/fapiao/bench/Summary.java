package dev.fapiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of one run, from its phase files: the baseline sweep and its best, the ledger
 * ceiling (the best of its in-flight sweep), node/best-baseline and node/ceiling, CPU milliseconds
 * per committed invoice of every process (and per role: peer, orderer, chaincode, gateway, client),
 * the chaincode's state round trips per committed invoice, and the targets.
 */
final class Summary {

    private Summary() {
    }

    /** Phases whose name is {@code prefix} or starts with {@code prefix-}. */
    static List<JsonNode> named(List<JsonNode> phases, String prefix) {
        return phases.stream().filter(p -> {
            String n = p.path("phase").asText();
            return n.equals(prefix) || n.startsWith(prefix + "-");
        }).toList();
    }

    static JsonNode best(List<JsonNode> phases) {
        return phases.stream().max(Comparator.comparingDouble(p -> p.path("committedPerSecond").asDouble()))
                .orElse(null);
    }

    /** Fills {@code summary} (baseline, ledgerCeiling, ratios, cpu, round trips, targets) from {@code phases}. */
    static void of(List<JsonNode> phases, ObjectNode summary) {
        List<JsonNode> sweep = named(phases, "baseline");
        List<JsonNode> ceilings = named(phases, "ceiling");
        JsonNode baseline = best(sweep);
        JsonNode ceiling = best(ceilings);
        JsonNode node = phases.stream().filter(p -> p.path("phase").asText().equals("node")).findFirst().orElse(null);
        JsonNode steady = phases.stream().filter(p -> p.path("phase").asText().equals("node-80")).findFirst()
                .orElse(null);

        ObjectNode b = summary.putObject("baseline");
        ObjectNode bs = b.putObject("sweep");
        sweep.forEach(p -> bs.put(p.path("settings").path("inFlight").asText(p.path("phase").asText()),
                p.path("committedPerSecond").asDouble()));
        putOrNull(b, "best", baseline == null ? null : baseline.path("committedPerSecond").asDouble());
        b.put("bestPhase", baseline == null ? null : baseline.path("phase").asText());
        putOrNull(summary, "ledgerCeiling", ceiling == null ? null : ceiling.path("committedPerSecond").asDouble());
        ObjectNode cs = summary.putObject("ledgerCeilingSweep");
        ceilings.forEach(p -> cs.put(p.path("settings").path("inFlight").asText(p.path("phase").asText()),
                p.path("committedPerSecond").asDouble()));
        summary.put("ledgerCeilingPhase", ceiling == null ? null : ceiling.path("phase").asText());
        Double toBaseline = ratio(node, baseline);
        Double toCeiling = ratio(node, ceiling);
        putOrNull(summary, "ratioNodeToBestBaseline", toBaseline);
        putOrNull(summary, "ratioNodeToCeiling", toCeiling);

        ObjectNode cpu = summary.putObject("cpuMsPerCommittedInvoice");
        ObjectNode trips = summary.putObject("shimRequestsPerCommittedInvoice");
        for (JsonNode p : phases) {
            cpu.set(p.path("phase").asText(), cpuPerInvoice(p));
            JsonNode shim = p.path("settings").path("shimRequestsInWindow");
            if (shim.isObject() && shim.size() > 0) {
                trips.set(p.path("phase").asText(), perInvoice(p, shim));
            }
        }
        summary.set("targets", targets(node, steady, toBaseline, toCeiling, cpu.path("node")));
    }

    /** CPU ms per invoice committed in the window: each process, then per role, then all together. */
    static ObjectNode cpuPerInvoice(JsonNode phase) {
        double committed = phase.path("committedInWindow").asDouble();
        ObjectNode out = PhaseResult.JSON.createObjectNode();
        ObjectNode byProcess = out.putObject("processes");
        Map<String, Double> byRole = new LinkedHashMap<>();
        double all = 0;
        for (JsonNode u : phase.path("processes")) {
            double ms = u.path("cpuSeconds").asDouble() * 1000;
            putOrNull(byProcess, u.path("name").asText(), per(ms, committed));
            byRole.merge(role(u.path("name").asText()), ms, Double::sum);
            all += ms;
        }
        ObjectNode roles = out.putObject("roles");
        byRole.forEach((r, ms) -> putOrNull(roles, r, per(ms, committed)));
        double fabric = byRole.getOrDefault("peer", 0.0) + byRole.getOrDefault("orderer", 0.0)
                + byRole.getOrDefault("chaincode", 0.0);
        putOrNull(out, "fabric", per(fabric, committed));
        putOrNull(out, "all", per(all, committed));
        return out;
    }

    /** peer0.enterprise -> peer, chaincode.taxauthority -> chaincode, loadgen / *-client -> client. */
    static String role(String process) {
        String head = process.contains(".") ? process.substring(0, process.indexOf('.')) : process;
        if (head.startsWith("peer")) {
            return "peer";
        }
        if (head.startsWith("orderer")) {
            return "orderer";
        }
        if (head.startsWith("chaincode")) {
            return "chaincode";
        }
        return head.equals("gateway") ? "gateway" : "client";
    }

    private static ObjectNode perInvoice(JsonNode phase, JsonNode counts) {
        double committed = phase.path("committedInWindow").asDouble();
        ObjectNode o = PhaseResult.JSON.createObjectNode();
        double sum = 0;
        for (Map.Entry<String, JsonNode> e : iterable(counts)) {
            putOrNull(o, e.getKey(), per(e.getValue().asDouble(), committed, 10_000));
            sum += e.getValue().asDouble();
        }
        putOrNull(o, "all", per(sum, committed, 10_000));
        return o;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        List<Map.Entry<String, JsonNode>> l = new ArrayList<>();
        n.fields().forEachRemaining(l::add);
        return l;
    }

    /** The targets, each with the measured value and whether this run met it. */
    private static ObjectNode targets(JsonNode node, JsonNode steady, Double toBaseline, Double toCeiling,
                                      JsonNode nodeCpu) {
        ObjectNode t = PhaseResult.JSON.createObjectNode();
        if (node != null) {
            double rate = node.path("committedPerSecond").asDouble();
            target(t, "committedPerSecond>=1000", rate, rate >= 1000);
            target(t, "nodeToCeiling>=0.85", toCeiling, toCeiling != null && toCeiling >= 0.85);
            target(t, "nodeToBestBaseline>=4", toBaseline, toBaseline != null && toBaseline >= 4);
            JsonNode fabric = nodeCpu.path("fabric");
            target(t, "fabricCpuMsPerInvoice<=0.8", fabric.isNumber() ? fabric.asDouble() : null,
                    fabric.isNumber() && fabric.asDouble() <= 0.8);
            JsonNode gw = nodeCpu.path("roles").path("gateway");
            target(t, "gatewayCpuMsPerInvoice<=0.6", gw.isNumber() ? gw.asDouble() : null,
                    gw.isNumber() && gw.asDouble() <= 0.6);
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
                target(t, "gatewayRssSlopeMbPerMin<1", slope, Math.abs(slope) < 1);
            }
        }
        return t;
    }

    /**
     * The spread over repetitions: for each figure, median, min and max over the runs' summaries;
     * {@code into} gets the medians at the top level (so {@code baseline.best} etc. read the same)
     * and {@code repeat} with every run's figures.
     */
    static void spread(List<JsonNode> runs, ObjectNode into) {
        Map<String, Function<JsonNode, JsonNode>> figures = new LinkedHashMap<>();
        figures.put("baseline.best", s -> s.path("baseline").path("best"));
        figures.put("ledgerCeiling", s -> s.path("ledgerCeiling"));
        figures.put("node.committedPerSecond", s -> s.path("phases").path("node").path("committedPerSecond"));
        figures.put("ratioNodeToBestBaseline", s -> s.path("ratioNodeToBestBaseline"));
        figures.put("ratioNodeToCeiling", s -> s.path("ratioNodeToCeiling"));
        figures.put("node.cpuMsPerInvoice.all", s -> s.path("cpuMsPerCommittedInvoice").path("node").path("all"));
        figures.put("node.cpuMsPerInvoice.fabric",
                s -> s.path("cpuMsPerCommittedInvoice").path("node").path("fabric"));
        figures.put("node-80.commitP99Ms", s -> s.path("phases").path("node-80").path("commitLatencyMs").path("p99"));
        ObjectNode repeat = into.putObject("repeat");
        repeat.put("runs", runs.size());
        ObjectNode spread = repeat.putObject("spread");
        figures.forEach((name, f) -> {
            List<Double> xs = runs.stream().map(f).filter(JsonNode::isNumber).map(JsonNode::asDouble).sorted().toList();
            ObjectNode o = spread.putObject(name);
            o.set("values", PhaseResult.JSON.valueToTree(runs.stream().map(f).toList()));
            if (!xs.isEmpty()) {
                o.put("median", xs.size() % 2 == 1 ? xs.get(xs.size() / 2)
                        : (xs.get(xs.size() / 2 - 1) + xs.get(xs.size() / 2)) / 2);
                o.put("min", xs.get(0));
                o.put("max", xs.get(xs.size() - 1));
            }
        });
        ObjectNode b = into.putObject("baseline");
        putOrNull(b, "best", median(spread, "baseline.best"));
        putOrNull(into, "ledgerCeiling", median(spread, "ledgerCeiling"));
        putOrNull(into, "ratioNodeToBestBaseline", median(spread, "ratioNodeToBestBaseline"));
        putOrNull(into, "ratioNodeToCeiling", median(spread, "ratioNodeToCeiling"));
        into.set("runs", PhaseResult.JSON.valueToTree(runs));
    }

    private static Double median(ObjectNode spread, String name) {
        JsonNode m = spread.path(name).path("median");
        return m.isNumber() ? m.asDouble() : null;
    }

    private static void target(ObjectNode t, String name, Double value, boolean met) {
        ObjectNode o = t.putObject(name);
        putOrNull(o, "value", value);
        o.put("met", met);
    }

    static void putOrNull(ObjectNode o, String name, Double value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    static Double ratio(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        double x = a.path("committedPerSecond").asDouble(Double.NaN);
        double y = b.path("committedPerSecond").asDouble(Double.NaN);
        return Double.isFinite(x / y) ? Math.round(x / y * 100) / 100.0 : null;
    }

    private static Double per(double value, double committed) {
        return per(value, committed, 1000);
    }

    /** Null when nothing was committed: no figure, and no target met by a zero. */
    private static Double per(double value, double committed, int scale) {
        return committed <= 0 ? null : Math.round(value / committed * scale) / (double) scale;
    }
}
