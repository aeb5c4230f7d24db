package dev.fapiao.node.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import dev.fapiao.node.config.ConfigException;
import dev.fapiao.node.config.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link NodeConfig.Logging} to Logback for a daemon ({@code serve}, the gateway): the
 * declarative part is {@code logback-daemon.xml} next to this class, filled in with the typed
 * configuration's values, so one file says what the logs look like and one record says where
 * they go and how long they stay. One-shot CLI commands keep the bootstrap {@code logback.xml}.
 */
public final class LogSetup {

    static final String DAEMON_CONFIG = "logback-daemon.xml";

    private LogSetup() {
    }

    /** Reconfigures logging for the process {@code name} (the file is {@code <logPath>/<name>.json}). */
    public static void apply(NodeConfig config, String name) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (an embedding application's): leave its configuration alone
        }
        NodeConfig.Logging l = config.logging();
        Path dir = config.logPath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("logging.dir: cannot create " + dir + ": " + e.getMessage());
        }
        long since = System.currentTimeMillis();
        context.reset();
        context.putProperty("fapiao.log.dir", dir.toAbsolutePath().toString());
        context.putProperty("fapiao.log.name", name);
        context.putProperty("fapiao.log.maxFileSize", l.maxFileSize());
        context.putProperty("fapiao.log.maxHistoryDays", Integer.toString(l.maxHistoryDays()));
        context.putProperty("fapiao.log.totalSizeCap", l.totalSizeCap());
        context.putProperty("fapiao.log.level", l.level().toUpperCase(Locale.ROOT));
        context.putProperty("fapiao.log.console", l.console());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try (InputStream in = LogSetup.class.getResourceAsStream(DAEMON_CONFIG)) {
            joran.doConfigure(in);
        } catch (JoranException | IOException e) {
            throw new IllegalStateException(DAEMON_CONFIG + " is broken: " + e.getMessage(), e);
        }
        // Logback reports problems as statuses, not exceptions: an error here is a broken configuration
        if (new StatusUtil(context).getHighestLevel(since) >= Status.ERROR) {
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
            throw new ConfigException("logging: Logback could not apply " + DAEMON_CONFIG + " (see its status above)");
        }
        for (String pair : l.levels().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                context.getLogger(pair.substring(0, eq).strip()).setLevel(Level.toLevel(pair.substring(eq + 1).strip()));
            }
        }
    }
}
