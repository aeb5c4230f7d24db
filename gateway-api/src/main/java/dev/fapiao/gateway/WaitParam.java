package dev.fapiao.gateway;

import dev.fapiao.node.invoice.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ?wait=committed&timeout=10s}: how long a submission may wait for its anchor. */
final class WaitParam {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private WaitParam() {
    }

    /**
     * The wait, at most {@code cap}; null when {@code wait} is absent.
     *
     * @throws ApiException 400 naming {@code wait} or {@code timeout}
     */
    static Duration parse(String wait, String timeout, Duration cap) {
        if (wait == null || wait.isEmpty()) {
            return null;
        }
        if (!wait.equals("committed")) {
            throw ApiException.validation(List.of(new FieldError("wait", "bad_value", "the only value is 'committed'")));
        }
        Duration d = DEFAULT;
        if (timeout != null && !timeout.isEmpty()) {
            Matcher m = DURATION.matcher(timeout); // exactly the contract's pattern
            if (!m.matches() || m.group(1).length() > 9) {
                throw ApiException.validation(List.of(new FieldError("timeout", "bad_format",
                        "a duration like 10s, 500ms or 1m")));
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
