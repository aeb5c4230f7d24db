package dev.fapiao.bench;

/**
 * CPU and memory of one process over a phase's window: CPU seconds (user + system) spent in the
 * window, the average cores that is, resident set size at the window's start and end and the
 * largest sampled (1 s sampling), the kernel's lifetime peak (VmHWM) at the end, and the trend of
 * the RSS over the second half of the window (least-squares slope, MB per minute; null for
 * windows under a minute), the figure the "memory flat over 10 minutes" target is judged by.
 */
public record ProcessUsage(String name, long pid, double cpuSeconds, double avgCores, double rssStartMb,
                           double rssEndMb, double peakRssMb, double lifetimePeakRssMb, Double rssSlopeMbPerMin) {}
