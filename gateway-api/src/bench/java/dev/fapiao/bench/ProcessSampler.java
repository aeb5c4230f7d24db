package dev.fapiao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples {@code /proc/<pid>/stat} (utime + stime) and {@code /proc/<pid>/status} (VmRSS, VmHWM) of
 * the given processes once a second. {@link #markStart()} and {@link #markEnd()} bracket the window.
 */
public final class ProcessSampler implements AutoCloseable {

    private record Reading(double cpuSeconds, double rssMb, double hwmMb) {}

    private final Map<String, Long> pids;
    private final double ticksPerSecond;
    private final Map<String, Reading> start = new LinkedHashMap<>();
    private final Map<String, Reading> end = new LinkedHashMap<>();
    private final Map<String, Double> peak = new LinkedHashMap<>();
    /** RSS samples in the window: {seconds since markStart, MB}. */
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private long startNanos;
    private final Thread thread;
    private volatile boolean inWindow;

    public ProcessSampler(Map<String, Long> pids, double ticksPerSecond) {
        this.pids = new LinkedHashMap<>(pids);
        this.ticksPerSecond = ticksPerSecond;
        this.thread = new Thread(this::run, "proc-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code name=pid,name=pid}; empty entries are skipped. */
    public static Map<String, Long> parse(String spec) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && eq < part.length() - 1) {
                m.put(part.substring(0, eq).strip(), Long.parseLong(part.substring(eq + 1).strip()));
            }
        }
        return m;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                if (inWindow) {
                    synchronized (this) {
                        pids.forEach((name, pid) -> {
                            Reading r = read(pid);
                            if (r != null) {
                                peak.merge(name, r.rssMb(), Math::max);
                                series.computeIfAbsent(name, k -> new ArrayList<>())
                                        .add(new double[] {(System.nanoTime() - startNanos) / 1e9, r.rssMb()});
                            }
                        });
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void markStart() {
        startNanos = System.nanoTime();
        series.clear();
        pids.forEach((name, pid) -> {
            Reading r = read(pid);
            if (r != null) {
                start.put(name, r);
                peak.put(name, r.rssMb());
            }
        });
        inWindow = true;
    }

    public synchronized void markEnd() {
        inWindow = false;
        pids.forEach((name, pid) -> {
            Reading r = read(pid);
            if (r != null) {
                end.put(name, r);
                peak.merge(name, r.rssMb(), Math::max);
            }
        });
    }

    public synchronized List<ProcessUsage> usage(double windowSeconds) {
        List<ProcessUsage> out = new ArrayList<>();
        pids.forEach((name, pid) -> {
            Reading a = start.get(name);
            Reading b = end.get(name);
            if (a != null && b != null) {
                double cpu = round(b.cpuSeconds() - a.cpuSeconds());
                out.add(new ProcessUsage(name, pid, cpu, Math.round(cpu / windowSeconds * 100) / 100.0, round(a.rssMb()),
                        round(b.rssMb()), round(peak.getOrDefault(name, b.rssMb())), round(b.hwmMb()),
                        slopePerMinute(series.getOrDefault(name, List.of()), windowSeconds)));
            }
        });
        return out;
    }

    /** Least-squares slope of the samples in the second half of the window, MB per minute. */
    static Double slopePerMinute(List<double[]> samples, double windowSeconds) {
        if (windowSeconds < 60) {
            return null;
        }
        List<double[]> half = samples.stream().filter(p -> p[0] >= windowSeconds / 2).toList();
        if (half.size() < 10) {
            return null;
        }
        double mx = half.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = half.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : half) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? null : round(sxy / sxx * 60);
    }

    private Reading read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticksPerSecond;
            double rss = 0;
            double hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kbToMb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kbToMb(line);
                }
            }
            return new Reading(cpu, rss, hwm);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static double kbToMb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
