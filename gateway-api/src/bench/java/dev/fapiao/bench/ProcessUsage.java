package dev.fapiao.bench;

/**
 * CPU and memory of one process over a phase's window: CPU seconds (user + system) spent in the
 * window, the average cores that is, resident set size at the window's start and end and the
 * largest sampled (1 s sampling), and the kernel's lifetime peak (VmHWM) at the end.
 */
public record ProcessUsage(String name, long pid, double cpuSeconds, double avgCores, double rssStartMb,
                           double rssEndMb, double peakRssMb, double lifetimePeakRssMb) {}
