package dev.fapiao.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One phase's figures, as written to {@code target/bench/<phase>.json}. */
public record PhaseResult(
        String phase,
        Map<String, Object> settings,
        int warmupSeconds,
        double windowSeconds,
        long sentInWindow,
        long committedInWindow,
        double committedPerSecond,
        Latency ackLatencyMs,
        Latency commitLatencyMs,
        Batches batchSizes,
        long uncommittedAtEnd,
        Map<String, Long> errors,
        List<ProcessUsage> processes,
        List<Second> timeline) {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    /** Percentiles in milliseconds of a microsecond histogram; null fields when it is empty. */
    public record Latency(long count, Double p50, Double p99, Double p999, Double max) {
        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, null, null, null, null);
            }
            return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /** Invoices per ledger transaction. */
    public record Batches(long transactions, long min, long p50, double mean, long max) {
        static Batches of(Histogram h) {
            return new Batches(h.getTotalCount(), h.getMinValue(), h.getValueAtPercentile(50),
                    Math.round(h.getMean() * 10) / 10.0, h.getMaxValue());
        }
    }

    /** One second of the time line (second 0 = start of the window; negative = warm-up). */
    public record Second(int second, long sent, long committed, Double p99CommitMs) {}
}
