package dev.fapiao.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link SubmissionPathBenchmark}'s four paths timed by this thread's CPU time, not the clock, in
 * alternating rounds: on a machine shared with other work the clock counts the time the thread waited
 * for a core, CPU time does not (run by scripts/jmh.sh's class path:
 * {@code java -cp ... dev.fapiao.gateway.SubmissionPathCpu [rounds] [opsPerRound]}).
 */
public final class SubmissionPathCpu {

    private SubmissionPathCpu() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        SubmissionPathBenchmark b = new SubmissionPathBenchmark();
        b.docKb = 26;
        b.setup();
        List<String> names = List.of("parseJson", "parseFrame", "jsonAndSeal", "frameAndSeal");
        List<Supplier<Object>> paths = List.of(b::parseJson, b::parseFrame, b::jsonAndSeal, b::frameAndSeal);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Supplier<Object> p : paths) { // warm-up: C2 compiles both forms before any round counts
            for (int i = 0; i < 10 * ops; i++) {
                p.get();
            }
        }
        List<double[]> perRound = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            perRound.add(new double[rounds]);
        }
        Object sink = null;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < paths.size(); i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < ops; k++) {
                    sink = paths.get(i).get();
                }
                perRound.get(i)[r] = (mx.getCurrentThreadCpuTime() - t0) / 1_000.0 / ops;
            }
        }
        for (int i = 0; i < paths.size(); i++) {
            double[] v = perRound.get(i).clone();
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-13s CPU us/op median %8.1f  rounds %s%n", names.get(i), v[v.length / 2],
                    Arrays.toString(Arrays.stream(perRound.get(i)).map(x -> Math.round(x * 10) / 10.0).toArray()));
        }
        System.out.println(sink == null ? "" : "(" + ops + " ops x " + rounds + " rounds per path)");
    }
}
