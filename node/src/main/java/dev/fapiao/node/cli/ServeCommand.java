package dev.fapiao.node.cli;

import dev.fapiao.node.config.NodeConfig;
import dev.fapiao.node.runtime.NodeRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the node process. Starts {@link NodeRuntime} (archive, ledger connection,
 * anchoring pipeline, ledger sync) in {@link #startRuntime}, then each {@link Attachment} (the
 * REST gateway hooks in here), and runs until SIGTERM/SIGINT, when a shutdown hook closes the
 * attachments and then the runtime (queued writes drain; unanchored work stays in the outbox).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the archive node until SIGTERM/SIGINT.",
            "Needs the ledger (scripts/network.sh up for development). Configuration: defaults, then --config, "
                + "then FAPIAO_<SECTION>_<KEY> variables."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    /** Something served alongside the node (e.g. HTTP): started after the runtime, closed before it. */
    interface Attachment {
        AutoCloseable start(NodeRuntime runtime) throws Exception;
    }

    private final CliEnvironment env;
    private final List<Attachment> attachments;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    ServeCommand(CliEnvironment env, List<Attachment> attachments) {
        this.env = env;
        this.attachments = List.copyOf(attachments);
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig cfg = CliNode.config(config, env);
        dev.fapiao.node.runtime.LogSetup.apply(cfg, "node");
        NodeRuntime runtime = startRuntime(cfg);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            for (Attachment a : attachments) {
                started.add(a.start(runtime));
            }
        } catch (Exception e) {
            stop(started, runtime);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping archive node {}", cfg.node().id());
            stop(started, runtime);
            stopped.countDown();
        }, "invoice-node-shutdown"));
        log.info("serving: node {}, seal key id {}, archive {}; stop with SIGTERM or Ctrl-C", cfg.node().id(),
                runtime.sealer().keyId(), cfg.archivePath());
        stopped.await();
        return ExitCodes.OK;
    }

    /** The one place the node's runtime is built. */
    static NodeRuntime startRuntime(NodeConfig cfg) {
        try {
            return NodeRuntime.start(cfg, Clock.systemUTC());
        } catch (IOException e) {
            throw new CliException("cannot start the node: " + e.getMessage(), e);
        }
    }

    private static void stop(List<AutoCloseable> started, NodeRuntime runtime) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", started.get(i), e.toString());
            }
        }
        runtime.close();
    }
}
