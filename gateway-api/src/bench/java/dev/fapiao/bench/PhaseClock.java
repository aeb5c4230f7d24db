package dev.fapiao.bench;

/**
 * The time line of one phase, in {@link System#nanoTime()}: a warm-up from {@code startNanos}, then
 * the measured window of {@code windowNanos}. Seconds are counted from the start of the window
 * (warm-up seconds are negative).
 */
public record PhaseClock(long startNanos, long warmupNanos, long windowNanos) {

    public long windowStart() {
        return startNanos + warmupNanos;
    }

    public long windowEnd() {
        return windowStart() + windowNanos;
    }

    public boolean inWindow(long t) {
        return t >= windowStart() && t < windowEnd();
    }

    public boolean loadOver(long t) {
        return t >= windowEnd();
    }

    /** Whole seconds from the window's start (floor; negative during the warm-up). */
    public int second(long t) {
        return (int) Math.floorDiv(t - windowStart(), 1_000_000_000L);
    }

    public int warmupSeconds() {
        return (int) (warmupNanos / 1_000_000_000L);
    }

    public int windowSeconds() {
        return (int) (windowNanos / 1_000_000_000L);
    }

    public double windowSecondsExact() {
        return windowNanos / 1e9;
    }

    public static void sleepUntil(long t) throws InterruptedException {
        long left;
        while ((left = t - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000L, 200)));
        }
    }
}
