package dev.fapiao.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fapiao.node.config.ConfigLoader;
import dev.fapiao.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The daemons' logging as configured: one JSON object a line with the expected fields, rolled as configured. */
class LogSetupTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private NodeConfig config(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("FAPIAO_LOGGING_DIR", dir.resolve("logs").toString());
        all.put("FAPIAO_LOGGING_LEVELS", "dev.fapiao.quiet=warn");
        return new ConfigLoader().load(null, all);
    }

    @Test
    void aLogEventIsOneJsonLineWithTimeLevelLoggerMessageAndTheRequestId() throws Exception {
        LogSetup.apply(config(Map.of()), "gateway");
        org.slf4j.Logger log = LoggerFactory.getLogger("dev.fapiao.test.Events");
        try (var rq = MDC.putCloseable("requestId", "req-42")) {
            log.info("archived invoice {}", "X1");
        }
        log.warn("second line\nwith a newline inside");
        LoggerFactory.getLogger("dev.fapiao.quiet.Thing").info("not written: below the override's level");
        log.info("a token slipped in: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        stop();
        List<String> lines = Files.readAllLines(dir.resolve("logs/gateway.json"));
        assertEquals(3, lines.size(), "one line per event, a newline inside a message escaped: " + lines);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("archived invoice X1", first.get("message").asText());
        assertEquals("INFO", first.get("level").asText());
        assertEquals("dev.fapiao.test.Events", first.get("logger").asText());
        assertEquals("req-42", first.get("requestId").asText());
        assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                first.get("time").asText());
        assertTrue(first.has("thread"));
        assertFalse(first.has("@version"), "the encoder's noise fields are off");
        List<String> names = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("time", "message", "logger", "thread", "level", "requestId"), names,
                "these fields and no more (no context properties)");
        JsonNode second = json.readTree(lines.get(1));
        assertEquals("WARN", second.get("level").asText());
        assertFalse(second.has("requestId"), "the MDC is cleared after the request's code");
        assertFalse(lines.get(2).contains("eyJhbGciOiJIUzI1NiJ9"), "a JWT-shaped value is masked: " + lines.get(2));
    }

    @Test
    void theFileRollsBySizeAndDayWithinTheConfiguredHistoryAndCap() {
        LogSetup.apply(config(Map.of("FAPIAO_LOGGING_MAX_FILE_SIZE", "10MB", "FAPIAO_LOGGING_MAX_HISTORY_DAYS", "7",
                "FAPIAO_LOGGING_TOTAL_SIZE_CAP", "1GB", "FAPIAO_LOGGING_CONSOLE", "json")), "node");
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var file = (RollingFileAppender<?>) root.getAppender("FILE");
        var policy = (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
        assertEquals(dir.resolve("logs/node.json").toAbsolutePath().toString(), file.getFile());
        assertEquals(7, policy.getMaxHistory());
        assertTrue(policy.getFileNamePattern().endsWith("node.%d{yyyy-MM-dd}.%i.json.gz"), policy.getFileNamePattern());
        assertTrue(file.isStarted() && policy.isStarted());
        assertTrue(root.getAppender("CONSOLE_json") != null && root.getAppender("CONSOLE_plain") == null,
                "logging.console picks the console's encoder");
    }

    private static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
