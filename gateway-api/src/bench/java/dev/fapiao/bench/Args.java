package dev.fapiao.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Command-line options of the bench programs: {@code --name value} pairs, nothing else. */
public record Args(Map<String, String> values) {

    public static Args parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            m.put(argv[i].substring(2), argv[i + 1]);
        }
        return new Args(Map.copyOf(m));
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(integer(name, fallback));
    }

    public Path path(String name, String fallback) {
        return Path.of(string(name, fallback));
    }

    /** The timing options every phase shares. */
    public PhaseClock clock() {
        return new PhaseClock(System.nanoTime(), seconds("warmup", 10).toNanos(), seconds("duration", 60).toNanos());
    }
}
