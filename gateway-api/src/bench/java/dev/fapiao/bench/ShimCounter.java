package dev.fapiao.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaincode's state round trips, counted by the peers themselves: the sum over the given
 * operations endpoints of the Prometheus counter {@code chaincode_shim_requests_completed} per
 * message {@code type} (GET_STATE, PUT_STATE, WRITE_BATCH_STATE, GET_STATE_MULTIPLE, ...). One
 * sample at the window's start and one at its end; the difference is the window's round trips.
 */
final class ShimCounter {

    private static final Pattern LINE =
            Pattern.compile("^chaincode_shim_requests_completed\\{([^}]*)}\\s+([0-9.eE+]+)$");
    private static final Pattern TYPE = Pattern.compile("type=\"([A-Z_]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String[] endpoints;
    private Map<String, Long> start = Map.of();

    /** {@code endpoints}: comma-separated {@code host:port} of peer operations listeners (may be empty). */
    ShimCounter(String endpoints) {
        this.endpoints = endpoints.isBlank() ? new String[0] : endpoints.split(",");
    }

    void markStart() {
        start = sample();
    }

    /** Requests per type since {@link #markStart()}, all peers together (empty without endpoints). */
    Map<String, Long> sinceStart() {
        Map<String, Long> out = new TreeMap<>();
        sample().forEach((type, n) -> {
            long d = n - start.getOrDefault(type, 0L);
            if (d > 0) {
                out.put(type, d);
            }
        });
        return out;
    }

    private Map<String, Long> sample() {
        Map<String, Long> sum = new TreeMap<>();
        for (String endpoint : endpoints) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.strip() + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    Matcher m = LINE.matcher(line);
                    if (m.matches()) {
                        Matcher t = TYPE.matcher(m.group(1));
                        if (t.find()) {
                            sum.merge(t.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("shim counter: " + endpoint + ": " + e);
            }
        }
        return sum;
    }
}
