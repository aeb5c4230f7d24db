package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while open (the gateway's, the node's, Vert.x's; {@code dev.fapiao} at
 * DEBUG), as the events and as the JSON lines the daemons' encoder writes.
 */
final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> list = new ListAppender<>();
    private final Logger root;
    private final Logger ours;
    private final Level oursBefore;
    private final LogstashEncoder encoder = new LogstashEncoder();

    LogCapture() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ours = ctx.getLogger("dev.fapiao");
        oursBefore = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        list.setContext(ctx);
        list.start();
        root.addAppender(list);
        encoder.setContext(ctx);
        // the field names of the daemons' encoder (logback-daemon.xml)
        encoder.getFieldNames().setTimestamp("time");
        encoder.getFieldNames().setLogger("logger");
        encoder.getFieldNames().setThread("thread");
        encoder.getFieldNames().setVersion("[ignore]");
        encoder.getFieldNames().setLevelValue("[ignore]");
        encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        encoder.setTimeZone("UTC");
        encoder.setIncludeContext(false);
        encoder.start();
    }

    synchronized List<ILoggingEvent> events() {
        synchronized (list) {
            return new ArrayList<>(list.list);
        }
    }

    /** Everything a log line could carry of the event: message, arguments, MDC, stack trace, and its JSON line. */
    String text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
        b.append(' ').append(e.getMDCPropertyMap());
        if (e.getArgumentArray() != null) {
            for (Object a : e.getArgumentArray()) {
                b.append(' ').append(a);
            }
        }
        if (e.getThrowableProxy() != null) {
            b.append(' ').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        return b.append(' ').append(json(e)).toString();
    }

    String json(ILoggingEvent e) {
        return new String(encoder.encode(e), StandardCharsets.UTF_8).strip();
    }

    /** No captured event carries any of {@code secrets}. */
    void assertNone(List<String> secrets) {
        List<ILoggingEvent> all = events();
        assertTrue(!all.isEmpty(), "something was logged");
        for (ILoggingEvent e : all) {
            String t = text(e);
            for (String s : secrets) {
                assertTrue(!t.contains(s), () -> "a log line carries a secret (" + s.substring(0, Math.min(12, s.length()))
                        + "...): " + t);
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(list);
        ours.setLevel(oursBefore);
        encoder.stop();
    }
}
