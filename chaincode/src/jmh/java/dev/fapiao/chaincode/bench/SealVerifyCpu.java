package dev.fapiao.chaincode.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link SealVerifyBenchmark}'s two paths timed by this thread's CPU time in alternating rounds (a
 * shared machine's clock counts waiting for a core): {@code scripts/jmh.sh --main
 * dev.fapiao.chaincode.bench.SealVerifyCpu [rounds] [verifiesPerRound]}; the aggregate runs
 * 1/50 as many times (each covers 500 invoices).
 */
public final class SealVerifyCpu {

    private SealVerifyCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        SealVerifyBenchmark b = new SealVerifyBenchmark();
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean ok = true;
        for (int i = 0; i < 10 * ops; i++) { // warm-up
            ok &= b.verifySeal();
            if (i % 50 == 0) {
                ok &= b.aggregate500();
            }
        }
        double[] seal = new double[rounds];
        double[] batch = new double[rounds];
        int batches = Math.max(1, ops / 50);
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < ops; k++) {
                ok &= b.verifySeal();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < batches; k++) {
                ok &= b.aggregate500();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            seal[r] = (t1 - t0) / 1_000.0 / ops;
            batch[r] = (t2 - t1) / 1_000.0 / batches;
        }
        if (!ok) {
            throw new IllegalStateException("a signature did not verify");
        }
        print("verifySeal", seal);
        print("aggregate500", batch);
    }

    private static void print(String name, double[] perRound) {
        double[] v = perRound.clone();
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "%-13s CPU us/op median %9.1f  rounds %s%n", name, v[v.length / 2],
                Arrays.toString(Arrays.stream(perRound).map(x -> Math.round(x * 10) / 10.0).toArray()));
    }
}
